// GET /oauth/v1/generate?grant_type=client_credentials and bearer-token checks (providers.md §1.2).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { requestUrl } from '../http';
import type { MpesaConfig } from './config';
import { darajaError, errors, newAccessToken, type Reply } from './wire';

const invalidAuth = () => darajaError(400, '400.008.01', 'Invalid authentication type passed');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function basicCredentials(header: string | undefined): { key: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export interface TokenStore {
  generate(req: IncomingMessage): Reply;
  /** True when the request carries a known, unexpired bearer token. */
  authorized(req: IncomingMessage): boolean;
}

export function createTokenStore(cfg: MpesaConfig): TokenStore {
  const expiresAt = new Map<string, number>();
  let latest: string | undefined;

  const prune = (now: number) => {
    for (const [token, until] of expiresAt) if (until <= now) expiresAt.delete(token);
  };

  return {
    generate(req) {
      if (req.method !== 'GET') return errors.methodNotAllowed();
      if (requestUrl(req).searchParams.get('grant_type') !== 'client_credentials') {
        return darajaError(400, '400.008.02', 'Invalid grant type passed');
      }
      const creds = basicCredentials(req.headers.authorization);
      // Wrong credentials get the same 400.008.01 as a malformed header: Daraja documents no
      // separate code, and adapters should treat both as "check MPESA_CONSUMER_KEY/SECRET".
      if (!creds) return invalidAuth();
      // Wrong credentials: Daraja answers HTTP 400 with an empty body (seen live).
      if (!sameSecret(creds.key, cfg.consumerKey) || !sameSecret(creds.secret, cfg.consumerSecret)) return { status: 400, body: undefined };

      const now = Date.now();
      prune(now);
      // Daraja's FAQ says a new token invalidates the previous one; UNCONFIRMED, so opt-in only.
      if (cfg.invalidatePreviousToken && latest) expiresAt.delete(latest);
      const token = newAccessToken();
      expiresAt.set(token, now + cfg.tokenTtlSeconds * 1000);
      latest = token;
      // expires_in is a string in observed responses (the docs show a number): UNCONFIRMED.
      return { status: 200, body: { access_token: token, expires_in: String(cfg.tokenTtlSeconds) } };
    },

    authorized(req) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      const until = match?.[1] ? expiresAt.get(match[1]) : undefined;
      return until !== undefined && until > Date.now();
    },
  };
}
