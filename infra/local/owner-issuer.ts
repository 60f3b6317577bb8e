import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';

/** The values the API Gateway JWT authorizer is configured with, locally. */
export const ownerTokenIssuer = 'urn:regulars:local-issuer';
export const ownerTokenAudience = 'regulars-owner';
export const localOwnerSubject = 'local-owner';
export const ownerTokenAlgorithm = 'ES256';
const ownerTokenLifetime = '30d';

export type OwnerTokenClaims = JWTPayload & { readonly sub: string };

export interface OwnerIssuer {
  /** A fresh access token for the local owner, valid for 30 days. */
  issueOwnerToken(): Promise<string>;
  /** The claims of a valid token; throws {@link InvalidOwnerTokenError} otherwise. */
  verifyOwnerToken(token: string): Promise<OwnerTokenClaims>;
}

export class InvalidOwnerTokenError extends Error {
  override readonly name = 'InvalidOwnerTokenError';
}

function isPrivateJwk(value: unknown): value is JWK & { kid: string; d: string } {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return (
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    typeof jwk.d === 'string' &&
    typeof jwk.kid === 'string'
  );
}

async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ownerTokenAlgorithm, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: ownerTokenAlgorithm, use: 'sig' };
}

/**
 * Loads the owner signing key, generating it on first use. The file holds a private key, so it
 * is created owner-only (0600) and never overwritten: `wx` makes a concurrent first start read
 * the winner's key instead of replacing it.
 */
export async function ensureOwnerSigningKey(keyFile: string): Promise<JWK> {
  try {
    await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
    await writeFile(keyFile, `${JSON.stringify(await generatePrivateJwk(), null, 2)}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const parsed: unknown = JSON.parse(await readFile(keyFile, 'utf8'));
  if (!isPrivateJwk(parsed)) {
    throw new Error(
      `${keyFile} is not a P-256 private JWK with a kid; delete it to make a new one.`,
    );
  }
  return parsed;
}

function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y, kid, alg, use } = jwk;
  return { kty, crv, x, y, kid, alg, use };
}

/**
 * The local stand-in for the Cognito user pool (which issues) and the API Gateway JWT
 * authorizer (which verifies): same checks — signature against the key set by `kid`, `alg`,
 * `iss`, `aud`, `exp`, `nbf`, and `iat` not in the future.
 */
export async function loadOwnerIssuer(keyFile: string): Promise<OwnerIssuer> {
  const privateJwk = await ensureOwnerSigningKey(keyFile);
  const privateKey = await importJWK(privateJwk, ownerTokenAlgorithm);
  const keySet = createLocalJWKSet({ keys: [publicPart(privateJwk)] });

  const issueOwnerToken = () =>
    new SignJWT({ token_use: 'access' })
      .setProtectedHeader({ alg: ownerTokenAlgorithm, kid: privateJwk.kid, typ: 'JWT' })
      .setIssuer(ownerTokenIssuer)
      .setAudience(ownerTokenAudience)
      .setSubject(localOwnerSubject)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(ownerTokenLifetime)
      .sign(privateKey);

  const verifyOwnerToken = async (token: string): Promise<OwnerTokenClaims> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        algorithms: [ownerTokenAlgorithm],
        issuer: ownerTokenIssuer,
        audience: ownerTokenAudience,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      const reason = error instanceof errors.JOSEError ? error.message : 'malformed token';
      throw new InvalidOwnerTokenError(reason, { cause: error });
    }
    // jose only checks `iat` against a maximum age; the authorizer also rejects future ones.
    if (payload.iat !== undefined && payload.iat > Math.floor(Date.now() / 1000)) {
      throw new InvalidOwnerTokenError('"iat" claim is in the future');
    }
    const { sub } = payload;
    if (typeof sub !== 'string') throw new InvalidOwnerTokenError('"sub" claim is not a string');
    return { ...payload, sub };
  };

  return { issueOwnerToken, verifyOwnerToken };
}
