import { buildOpenApiDocument } from '../openapi/document';
import { ok, publicRoute } from '../runtime/http-route';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The API's OpenAPI document, built on the first request and kept for the container's life. */
export const handler = publicRoute(async () => {
  document ??= buildOpenApiDocument();
  return ok(document, { 'cache-control': 'public, max-age=300' });
});
