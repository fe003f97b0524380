import 'server-only';
import { z } from 'zod';
import { callProvider } from '../http';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import type { ClickPesaConfig } from './config';

// The token already carries its "Bearer " prefix and is sent verbatim (providers.md §2.1).
const tokenResponse = z.object({ success: z.literal(true).or(z.literal('true')).optional(), token: z.string().regex(/^Bearer \S+$/) });

/** ClickPesa documents a 1 hour lifetime; used when the JWT's own exp cannot be read. */
const DOCUMENTED_TTL_MS = 60 * 60_000;
/** Refresh this long before expiry so a token never dies in the middle of a request. */
const EXPIRY_MARGIN_MS = 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

// Per process. Concurrent callers share one in-flight request instead of each minting a token.
const cache = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();

export async function getClickPesaToken(config: ClickPesaConfig, ctx: ProviderCallContext | null, now = Date.now()): Promise<string> {
  const key = cacheKey(config);
  const cached = cache.get(key);
  if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now) return cached.value;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchToken(config, ctx).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return (await pending).value;
}

/** After a 401: the token was revoked early (e.g. checksum switched on or off in the dashboard). */
export function invalidateClickPesaToken(config: ClickPesaConfig): void {
  cache.delete(cacheKey(config));
}

async function fetchToken(config: ClickPesaConfig, ctx: ProviderCallContext | null): Promise<CachedToken> {
  const res = await callProvider(
    {
      method: 'POST',
      url: `${config.baseUrl}/generate-token`,
      headers: { 'client-id': config.clientId, 'api-key': config.apiKey },
      timeoutMs: config.timeoutMs,
      label: 'ClickPesa token',
      secrets: [config.apiKey],
    },
    ctx,
  );
  if (res.status >= 500) throw new ProviderUnavailableError(`ClickPesa token answered HTTP ${res.status}`);
  const parsed = tokenResponse.safeParse(res.body);
  if (res.status !== 200 || !parsed.success) {
    throw new ProviderRejectedError('clickpesa_auth_failed', 'ClickPesa refused our credentials (check CLICKPESA_CLIENT_ID and CLICKPESA_API_KEY)');
  }
  const value = parsed.data.token;
  const token = { value, expiresAt: jwtExpiry(value) ?? Date.now() + DOCUMENTED_TTL_MS };
  cache.set(cacheKey(config), token);
  return token;
}

/** The JWT's `exp` (seconds) as epoch milliseconds, or null when it cannot be read. */
export function jwtExpiry(token: string): number | null {
  const payload = token.replace(/^Bearer /, '').split('.')[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

function cacheKey(config: ClickPesaConfig): string {
  // Toggling the checksum invalidates tokens upstream, so a config change means a new token.
  return `${config.baseUrl}|${config.clientId}|${config.checksumKey ? 'cs' : 'nocs'}`;
}
