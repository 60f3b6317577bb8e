import { z } from 'zod';
import { InvalidInputError } from '../../shared/core/errors';

/** The customer's version as an ETag, so an editor can send it back in If-Match. */
export function versionHeaders(entity: { version: number }): Record<string, string> {
  return { etag: `"${entity.version}"` };
}

/** An ETag this API returned, as a client sends it back. */
export const IfMatch = z.string().regex(/^(W\/)?"\d+"$/);

export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  if (!IfMatch.safeParse(ifMatch).success)
    throw InvalidInputError.forField('If-Match', 'must be an ETag this API returned, e.g. "3"');
  return Number(ifMatch.replace(/\D/g, ''));
}
