import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidOwnerTokenError,
  loadOwnerIssuer,
  ownerTokenAudience,
  ownerTokenIssuer,
  type OwnerIssuer,
} from '../../infra/local/owner-issuer';

const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('owner issuer', () => {
  let dir: string;
  let keyFile: string;
  let issuer: OwnerIssuer;
  let privateJwk: JWK;

  /** Signs arbitrary claims with the real key, to test each claim check on its own. */
  async function signWithRealKey(claims: Record<string, unknown>): Promise<string> {
    const key = await importJWK(privateJwk, 'ES256');
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid }).sign(key);
  }

  const validClaims = () => ({
    iss: ownerTokenIssuer,
    aud: ownerTokenAudience,
    sub: 'local-owner',
    iat: now() - 60,
    exp: now() + 3600,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regulars-issuer-'));
    keyFile = join(dir, 'nested', 'owner-signing-key.json');
    issuer = await loadOwnerIssuer(keyFile);
    privateJwk = JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  describe('issuing', () => {
    it('issues an access token for the local owner that verifies', async () => {
      const token = await issuer.issueOwnerToken();
      const claims = await issuer.verifyOwnerToken(token);
      expect(claims).toMatchObject({
        iss: ownerTokenIssuer,
        aud: ownerTokenAudience,
        sub: 'local-owner',
        token_use: 'access',
      });
      const lifetime = (claims.exp ?? 0) - (claims.iat ?? 0);
      expect(lifetime).toBe(30 * 24 * 3600);
    });

    it('keeps the key in an owner-only file and reuses it when loaded again', async () => {
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      const token = await issuer.issueOwnerToken();
      const reloaded = await loadOwnerIssuer(keyFile);
      await expect(reloaded.verifyOwnerToken(token)).resolves.toMatchObject({ sub: 'local-owner' });
    });
  });

  describe('rejecting forged or unusable tokens', () => {
    async function expectRejected(token: string) {
      await expect(issuer.verifyOwnerToken(token)).rejects.toBeInstanceOf(InvalidOwnerTokenError);
    }

    it('rejects a token signed with another key even when it claims the same kid', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT(validClaims())
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
        .sign(privateKey);
      await expectRejected(forged);
    });

    it('rejects an unsigned token with alg none', async () => {
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(validClaims())}.`;
      await expectRejected(unsigned);
    });

    it('rejects an HMAC token keyed with the public key (algorithm confusion)', async () => {
      const secret = new TextEncoder().encode(
        JSON.stringify({
          kty: privateJwk.kty,
          crv: privateJwk.crv,
          x: privateJwk.x,
          y: privateJwk.y,
        }),
      );
      const confused = await new SignJWT(validClaims())
        .setProtectedHeader({ alg: 'HS256', kid: privateJwk.kid })
        .sign(secret);
      await expectRejected(confused);
    });

    it('rejects a token whose payload was changed after signing', async () => {
      const [header, , signature] = (await issuer.issueOwnerToken()).split('.');
      const payload = { ...decodeJwt(await issuer.issueOwnerToken()), sub: 'someone-else' };
      await expectRejected(`${header}.${base64url(payload)}.${signature}`);
    });

    it('rejects an expired token', async () => {
      await expectRejected(
        await signWithRealKey({ ...validClaims(), iat: now() - 7200, exp: now() - 60 }),
      );
    });

    it('rejects a token that is not valid yet', async () => {
      await expectRejected(await signWithRealKey({ ...validClaims(), nbf: now() + 600 }));
    });

    it('rejects a token issued in the future', async () => {
      await expectRejected(await signWithRealKey({ ...validClaims(), iat: now() + 600 }));
    });

    it('rejects a token without an expiry', async () => {
      const withoutExpiry: Record<string, unknown> = validClaims();
      delete withoutExpiry.exp;
      await expectRejected(await signWithRealKey(withoutExpiry));
    });

    it('rejects a token for another audience', async () => {
      await expectRejected(await signWithRealKey({ ...validClaims(), aud: 'someone-else' }));
    });

    it('rejects a token from another issuer', async () => {
      await expectRejected(
        await signWithRealKey({ ...validClaims(), iss: 'https://evil.example' }),
      );
    });

    it('rejects something that is not a JWT at all', async () => {
      await expectRejected('not-a-token');
    });

    it('accepts a token signed with the real key when every claim is right', async () => {
      await expect(
        issuer.verifyOwnerToken(await signWithRealKey(validClaims())),
      ).resolves.toMatchObject({ sub: 'local-owner' });
    });
  });
});
