import { HttpProblem } from './http-problem';

/** Owner API bodies are small JSON documents; anything larger is a mistake, not a customer. */
export const MAX_BODY_BYTES = 64 * 1024;

interface RawRequest {
  readonly headers: Record<string, string | undefined>;
  readonly body?: string;
  readonly isBase64Encoded: boolean;
}

/**
 * The JSON body of a request, or undefined when there is none. Checks the content type (415), the
 * decoded size (413) and the syntax (400) before any schema sees it.
 */
export function readJsonBody(request: RawRequest): unknown {
  if (request.body === undefined || request.body === '') return undefined;
  const contentType = request.headers['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType?.endsWith('+json')) {
    throw HttpProblem.unsupportedMediaType(contentType);
  }
  const bytes = request.isBase64Encoded
    ? Buffer.from(request.body, 'base64')
    : Buffer.from(request.body, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) throw HttpProblem.payloadTooLarge(MAX_BODY_BYTES);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw HttpProblem.malformedJson();
  }
}
