// POST /login (providers.md §5.2): Basic auth with QCell's static token, then the password grant.
// The checks run in the order the UAT contract tests imply.
import { timingSafeEqual } from 'node:crypto';
import type { QmoneyConfig } from './config';
import { LOGIN, OAUTH, type Reply } from './replies';
import type { QmoneyTokens } from './tokens';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const absent = (v: unknown) => v === undefined || v === null || v === '';

export function login(cfg: QmoneyConfig, tokens: QmoneyTokens, authorization: string | undefined, body: Record<string, unknown>): Reply {
  if (authorization === undefined) return OAUTH.noAuthorization('/login', cfg.fullSpringErrors);
  // The token is opaque and sent verbatim after "Basic "; compare it as issued, not decoded.
  const basic = /^Basic\s+(\S+)$/i.exec(authorization.trim());
  if (!basic || !same(basic[1] ?? '', cfg.basicToken)) return OAUTH.fullAuthRequired();

  const { grantType, username, password } = body;
  if (absent(grantType)) return LOGIN.missing('GrantType');
  if (grantType !== 'password') return LOGIN.invalidGrantType();
  if (absent(username)) return LOGIN.missing('UserName');
  if (absent(password)) return LOGIN.missing('Password');
  if (username !== cfg.username) return LOGIN.unknownUser(String(username));
  if (typeof password !== 'string' || !same(password, cfg.password)) return LOGIN.wrongPassword();

  return LOGIN.success({
    access_token: tokens.issue(cfg.username, cfg.tokenTtlMs),
    // Always a string, as in UAT: seconds, or "-1" when mimicking UAT's odd value.
    accessTokenExpiry: cfg.expiryMinusOne ? '-1' : String(Math.floor(cfg.tokenTtlMs / 1000)),
    twoFactorEnable: 'false',
  });
}
