// Qmoney access tokens: HS256 JWTs signed with a per-process secret that REALLY expire, so a
// client has to log in again (whatever accessTokenExpiry said). Stateless: survive a reset.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenCheck = { ok: true; username: string } | { ok: false; reason: 'missing' | 'malformed' | 'expired'; token: string };

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export function createQmoneyTokens() {
  const secret = randomBytes(32);
  const sign = (input: string) => createHmac('sha256', secret).update(input).digest();

  return {
    issue(username: string, ttlMs: number): string {
      const now = Date.now();
      const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
      // expMs next to exp (seconds) so sub-second TTLs work in tests.
      const claims = { user_name: username, exp: Math.floor((now + ttlMs) / 1000), expMs: now + ttlMs, jti: randomBytes(8).toString('hex') };
      const unsigned = `${header}.${b64url(JSON.stringify(claims))}`;
      return `${unsigned}.${b64url(sign(unsigned))}`;
    },
    /** Reads `Authorization: Bearer <token>`. */
    check(authorization: string | undefined): TokenCheck {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
      if (!match) return { ok: false, reason: 'missing', token: '' };
      const token = match[1] ?? '';
      const [header = '', payload = '', signature = '', ...rest] = token.split('.');
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(`${header}.${payload}`);
      if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { ok: false, reason: 'malformed', token };
      }
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { user_name: string; expMs: number };
      if (Date.now() >= claims.expMs) return { ok: false, reason: 'expired', token };
      return { ok: true, username: claims.user_name };
    },
  };
}

export type QmoneyTokens = ReturnType<typeof createQmoneyTokens>;
