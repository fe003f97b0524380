import 'server-only';
import { z } from 'zod';
import { callProvider } from '../http';
import { sharedTokenStore } from '../shared-token-store';
import { createTokenCache, type IssuedToken } from '../token-cache';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import type { QmoneyConfig } from './config';
import { tokenUsableUntil } from './token-expiry';

const loginAnswer = z.object({
  responseCode: z.coerce.string(),
  responseMessage: z.string().default(''),
  data: z.object({ access_token: z.string().min(1), accessTokenExpiry: z.union([z.string(), z.number()]).optional() }).optional(),
});

// Shared by every instance, keyed by base URL and user; one login at a time.
const tokens = createTokenCache<QmoneyConfig>((config) => `qmoney|${config.baseUrl}|${config.username}`, login, sharedTokenStore);

export function getQmoneyToken(config: QmoneyConfig, ctx: ProviderCallContext | null): Promise<string> {
  return tokens.get(config, ctx);
}

/**
 * Qmoney refused the token (expired early, or revoked): forget it so the next call logs in.
 * Without a token, forgets whatever is cached (the connection test forces a fresh login).
 */
export function invalidateQmoneyToken(config: QmoneyConfig, token?: string): Promise<void> {
  return tokens.invalidate(config, token);
}

async function login(config: QmoneyConfig, ctx: ProviderCallContext | null): Promise<IssuedToken> {
  const issuedAt = Date.now();
  const res = await callProvider(
    {
      method: 'POST',
      url: `${config.baseUrl}/login`,
      headers: { authorization: `Basic ${config.basicToken}` },
      body: { grantType: 'password', username: config.username, password: config.password },
      timeoutMs: config.timeoutMs,
      label: 'Qmoney login',
      secrets: [config.basicToken],
    },
    ctx,
  );
  if (res.status >= 500) throw new ProviderUnavailableError(`Qmoney login answered HTTP ${res.status}`);
  if (res.status === 401) throw new ProviderRejectedError('qmoney_auth_failed', 'Qmoney refused the login token (check QMONEY_BASIC_TOKEN)');
  const parsed = loginAnswer.safeParse(res.body);
  if (!parsed.success || parsed.data.responseCode !== '1' || !parsed.data.data) {
    const detail = parsed.success ? `${parsed.data.responseCode} ${parsed.data.responseMessage}` : `HTTP ${res.status}`;
    throw new ProviderRejectedError('qmoney_auth_failed', `Qmoney login refused (${detail}): check QMONEY_USERNAME and QMONEY_PASSWORD`);
  }
  return { value: parsed.data.data.access_token, usableUntil: tokenUsableUntil(parsed.data.data.accessTokenExpiry, issuedAt, config.tokenMaxAgeSeconds) };
}
