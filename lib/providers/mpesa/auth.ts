import 'server-only';
import { z } from 'zod';
import { callProvider } from '../http';
import { sharedTokenStore } from '../shared-token-store';
import { createTokenCache, type IssuedToken } from '../token-cache';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import type { MpesaConfig } from './config';

// expires_in is a number in the docs and a string in the wild.
const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive() });

/** Refresh this long before Daraja's own expiry so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

// Shared by every instance (Daraja may revoke the previous token on refresh); one mint at a time.
const tokens = createTokenCache<MpesaConfig>((c) => `mpesa|${c.baseUrl}|${c.consumerKey}`, fetchToken, sharedTokenStore);

export function getAccessToken(config: MpesaConfig, ctx: ProviderCallContext | null): Promise<string> {
  return tokens.get(config, ctx);
}

/** Called when Daraja answers 404.001.03 / 401 (that token is no good any more), or to force a fresh one. */
export function invalidateAccessToken(config: MpesaConfig, token?: string): Promise<void> {
  return tokens.invalidate(config, token);
}

async function fetchToken(config: MpesaConfig, ctx: ProviderCallContext | null): Promise<IssuedToken> {
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
  const expiresAt = Date.now() + parsed.data.expires_in * 1000;
  return { value: parsed.data.access_token, usableUntil: expiresAt - Math.min(EXPIRY_MARGIN_MS, (expiresAt - Date.now()) / 2) };
}
