import type { z } from 'zod';
import { InvalidInputError, type FieldIssue } from '../../core/errors';

/**
 * A zod failure as the core's InvalidInputError, naming each field by its dotted path
 * (`total.currency`); an unknown field is named itself, so the caller sees what to remove.
 */
export function invalidInputFrom(error: z.ZodError, whole: string): InvalidInputError {
  const issues = error.issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key].join('.'),
        message: 'is not a known field',
      }));
    }
    return [{ field: path.length > 0 ? path.join('.') : whole, message: issue.message }];
  });
  return new InvalidInputError(issues, { cause: error });
}
