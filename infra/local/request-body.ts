import type { IncomingMessage } from 'node:http';

/** API Gateway HTTP API's payload limit; handlers enforce their own, smaller caps. */
export const apiGatewayMaxBodyBytes = 10 * 1024 * 1024;

/**
 * Reads the whole body, or resolves `'too-large'` as soon as it passes `limit` bytes. The rest is
 * discarded rather than the socket destroyed, so the client can still read the 413.
 */
export function readRequestBody(
  request: IncomingMessage,
  limit: number,
): Promise<Buffer | 'too-large'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.removeListener('data', onData);
      request.removeListener('end', onEnd);
      request.resume();
      resolve('too-large');
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', reject);
  });
}
