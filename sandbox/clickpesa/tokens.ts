// ClickPesa access tokens: HS256 JWTs signed with a per-process secret, so validation needs no
// state and tokens survive POST /_sandbox/reset (the app caches them for an hour, as it should).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export interface TokenIssuer {
  /**
   * Returns the token with the `Bearer ` prefix included, exactly as ClickPesa does. `checksumOn`
   * is baked in because turning checksum on or off invalidates existing tokens [PRIMARY].
   */
  issue(clientId: string, ttlMs: number, checksumOn: boolean): string;
  /** Checks an Authorization header value. */
  isValid(authorization: string | undefined, clientId: string, checksumOn: boolean): boolean;
}

export function createTokenIssuer(): TokenIssuer {
  const secret = randomBytes(32);
  const sign = (input: string) => createHmac('sha256', secret).update(input).digest();

  return {
    issue(clientId, ttlMs, checksumOn) {
      const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
      const now = Date.now();
      // exp in milliseconds (`expMs`) as well as seconds, so sub-second TTLs work in tests.
      const claims = { sub: clientId, cs: checksumOn, iat: Math.floor(now / 1000), exp: Math.floor((now + ttlMs) / 1000), expMs: now + ttlMs, jti: randomBytes(8).toString('hex') };
      const unsigned = `${header}.${b64url(JSON.stringify(claims))}`;
      return `Bearer ${unsigned}.${b64url(sign(unsigned))}`;
    },
    isValid(authorization, clientId, checksumOn) {
      const match = /^Bearer ([\w-]+\.[\w-]+)\.([\w-]+)$/.exec(authorization?.trim() ?? '');
      if (!match) return false;
      const [, unsigned = '', signature = ''] = match;
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(unsigned);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
      try {
        const claims = JSON.parse(Buffer.from(unsigned.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown; cs?: unknown; expMs?: unknown };
        return claims.sub === clientId && claims.cs === checksumOn && typeof claims.expMs === 'number' && Date.now() < claims.expMs;
      } catch {
        return false;
      }
    },
  };
}
