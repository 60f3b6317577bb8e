import type { Problem } from './problem';

export type BearerAuthResult =
  | { readonly ok: true; readonly claims: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problem: Problem; readonly wwwAuthenticate: string };

/**
 * What the API Gateway JWT authorizer does with `$request.header.Authorization`: no token is a
 * 401 asking for one; a token that fails verification is a 401 with `error="invalid_token"`
 * (RFC 6750). Nothing is passed through unverified.
 */
export async function authenticateBearer(
  authorization: string | undefined,
  verify: (token: string) => Promise<Readonly<Record<string, unknown>>>,
): Promise<BearerAuthResult> {
  const token = /^Bearer +([^\s]+) *$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) {
    return {
      ok: false,
      wwwAuthenticate: 'Bearer',
      problem: {
        status: 401,
        title: 'Unauthorized',
        detail: 'This route needs the owner token: send "Authorization: Bearer <token>".',
      },
    };
  }
  try {
    return { ok: true, claims: await verify(token) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'verification failed';
    return {
      ok: false,
      wwwAuthenticate: 'Bearer error="invalid_token"',
      problem: {
        status: 401,
        title: 'Unauthorized',
        detail: `The bearer token was rejected: ${reason}`,
      },
    };
  }
}
