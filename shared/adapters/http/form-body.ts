import { HttpProblem } from './http-problem';

/** A form post is a few fields (RFC 8058's is one); anything larger is not one. */
export const MAX_FORM_BYTES = 4 * 1024;

interface RawRequest {
  readonly headers: Record<string, string | undefined>;
  readonly body?: string;
  readonly isBase64Encoded: boolean;
}

/**
 * The fields of an `application/x-www-form-urlencoded` body (an empty body has none). Checks the
 * content type (415) and size (413); a repeated field keeps its first value.
 */
export function readFormBody(request: RawRequest): Record<string, string> {
  if (request.body === undefined || request.body === '') return {};
  const contentType = request.headers['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw HttpProblem.unsupportedMediaType(contentType, 'application/x-www-form-urlencoded');
  }
  const bytes = request.isBase64Encoded
    ? Buffer.from(request.body, 'base64')
    : Buffer.from(request.body, 'utf8');
  if (bytes.byteLength > MAX_FORM_BYTES) throw HttpProblem.payloadTooLarge(MAX_FORM_BYTES);
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(bytes.toString('utf8'))) {
    if (!Object.hasOwn(fields, name)) fields[name] = value;
  }
  return fields;
}
