import { z } from 'zod';
import { InvalidInputError } from '../../core/errors';

/** The last key of a page of the customer list; anything else in a cursor is refused. */
const ListKey = z.strictObject({
  pk: z.string(),
  sk: z.string(),
  listPk: z.string(),
  listSk: z.string(),
});

export function encodeCursor(lastEvaluatedKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(ListKey.parse(lastEvaluatedKey))).toString('base64url');
}

export function decodeCursor(cursor: string): Record<string, string> {
  try {
    return ListKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw new InvalidInputError(
      [{ field: 'cursor', message: 'is not a cursor this API returned' }],
      { cause: error },
    );
  }
}
