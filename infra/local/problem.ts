import type { ServerResponse } from 'node:http';

/** An RFC 9457 problem details body. */
export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type?: string;
}

/** Answers with `application/problem+json`; extra headers (Allow, WWW-Authenticate) ride along. */
export function sendProblem(
  response: ServerResponse,
  problem: Problem,
  headers: Readonly<Record<string, string>> = {},
): void {
  const body = JSON.stringify({ type: problem.type ?? 'about:blank', ...problem });
  response.writeHead(problem.status, {
    ...headers,
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
