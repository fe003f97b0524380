import 'server-only';
import { z } from 'zod';
import { callProvider } from '../http';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import { sharedTokenStore } from '../shared-token-store';
import { createTokenCache, type IssuedToken } from '../token-cache';
import type { ClickPesaConfig } from './config';

// The token already carries its "Bearer " prefix and is sent verbatim (providers.md §2.1).
const tokenResponse = z.object({ success: z.literal(true).or(z.literal('true')).optional(), token: z.string().regex(/^Bearer \S+$/) });

/** ClickPesa documents a 1 hour lifetime; used when the JWT's own exp cannot be read. */
const DOCUMENTED_TTL_MS = 60 * 60_000;
/** Refresh this long before expiry so a token never dies in the middle of a request. */
const EXPIRY_MARGIN_MS = 60_000;

// Shared by every instance: ClickPesa revokes older tokens on refresh, so one mint at a time.
const tokens = createTokenCache<ClickPesaConfig>(cacheKey, fetchToken, sharedTokenStore);

export function getClickPesaToken(config: ClickPesaConfig, ctx: ProviderCallContext | null, now = Date.now()): Promise<string> {
  return tokens.get(config, ctx, now);
}

/** After a 401: the token was revoked early (e.g. checksum switched on or off in the dashboard). */
export function invalidateClickPesaToken(config: ClickPesaConfig, token?: string): Promise<void> {
  return tokens.invalidate(config, token);
}

async function fetchToken(config: ClickPesaConfig, ctx: ProviderCallContext | null): Promise<IssuedToken> {
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
  const expiresAt = jwtExpiry(value) ?? Date.now() + DOCUMENTED_TTL_MS;
  return { value, usableUntil: expiresAt - EXPIRY_MARGIN_MS };
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
  return `clickpesa|${config.baseUrl}|${config.clientId}|${config.checksumKey ? 'cs' : 'nocs'}`;
}
