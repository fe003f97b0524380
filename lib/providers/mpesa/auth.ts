import 'server-only';
import { z } from 'zod';
import { callProvider } from '../http';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import type { MpesaConfig } from './config';

// expires_in is a number in the docs and a string in the wild.
const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive() });

/** Refresh this long before Daraja's own expiry so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

// Per process, keyed by base URL and consumer key. Concurrent callers share one in-flight fetch,
// since Daraja may invalidate the previous token whenever a new one is issued.
const cache = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();

export async function getAccessToken(config: MpesaConfig, ctx: ProviderCallContext | null, now = Date.now()): Promise<string> {
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

/** Called when Daraja answers 404.001.03 / 401: the cached token is no good any more. */
export function invalidateAccessToken(config: MpesaConfig): void {
  cache.delete(cacheKey(config));
}

async function fetchToken(config: MpesaConfig, ctx: ProviderCallContext | null): Promise<CachedToken> {
  const basic = Buffer.from(`${config.consumerKey}:${config.consumerSecret}`).toString('base64');
  const res = await callProvider(
    {
      method: 'GET',
      url: `${config.baseUrl}/oauth/v1/generate?grant_type=client_credentials`,
      headers: { authorization: `Basic ${basic}` },
      timeoutMs: config.timeoutMs,
      label: 'M-Pesa OAuth',
    },
    ctx,
  );
  if (res.status >= 500) throw new ProviderUnavailableError(`M-Pesa OAuth answered HTTP ${res.status}`);
  const parsed = tokenResponse.safeParse(res.body);
  if (res.status !== 200 || !parsed.success) {
    throw new ProviderRejectedError('mpesa_auth_failed', 'M-Pesa refused our credentials (check MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET)');
  }
  const token = { value: parsed.data.access_token, expiresAt: Date.now() + parsed.data.expires_in * 1000 };
  cache.set(cacheKey(config), token);
  return token;
}

function cacheKey(config: MpesaConfig): string {
  return `${config.baseUrl}|${config.consumerKey}`;
}
