import 'server-only';
import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '@/db';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getClickPesaToken, invalidateClickPesaToken } from '@/lib/providers/clickpesa/auth';
import { resolveClickPesaConfig } from '@/lib/providers/clickpesa/config';
import { getAccessToken, invalidateAccessToken } from '@/lib/providers/mpesa/auth';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { omariQuery } from '@/lib/providers/omari/client';
import { resolveOmariConfig } from '@/lib/providers/omari/config';
import { OMARI_NOT_FOUND } from '@/lib/providers/omari/query-outcome';
import { getQmoneyToken, invalidateQmoneyToken } from '@/lib/providers/qmoney/auth';
import { resolveQmoneyConfig } from '@/lib/providers/qmoney/config';
import { loadStoredOptions } from '@/lib/providers/registry';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderId } from '@/lib/providers/types';
import type { ConnectionResult } from './types';

type Tester = (db: DbOrTx) => Promise<{ message: string; target?: string }>;

const notConfigured = (name: string) => new AppError('unprocessable', `${name} is not configured: set the missing settings first`);

// One real authenticated call per provider, with the configuration payments would use now
// (environment over stored settings over sandbox). Cached tokens are dropped first so the test
// really asks the provider, not our memory.
const TESTERS: Partial<Record<ProviderId, Tester>> = {
  async mpesa(db) {
    const config = resolveMpesaConfig(getEnv(), (await loadStoredOptions(db)).mpesa);
    if (!config) throw notConfigured('M-Pesa');
    await invalidateAccessToken(config);
    await getAccessToken(config, null);
    return { message: 'Daraja issued an access token: the consumer key and secret are valid', target: config.baseUrl };
  },
  async clickpesa(db) {
    const config = resolveClickPesaConfig(getEnv(), (await loadStoredOptions(db)).clickpesa);
    if (!config) throw notConfigured('ClickPesa');
    await invalidateClickPesaToken(config);
    await getClickPesaToken(config, null);
    return { message: 'ClickPesa issued a token: the client ID and API key are valid', target: config.baseUrl };
  },
  async qmoney(db) {
    const config = resolveQmoneyConfig(getEnv(), (await loadStoredOptions(db)).qmoney);
    if (!config) throw notConfigured('Qmoney');
    await invalidateQmoneyToken(config);
    await getQmoneyToken(config, null);
    return { message: 'Qmoney accepted the login: the Basic token, username and password are valid', target: config.baseUrl };
  },
  async omari(db) {
    const config = resolveOmariConfig(getEnv(), (await loadStoredOptions(db)).omari);
    if (!config) throw notConfigured('Omari');
    // No token endpoint: Omari checks the merchant key on every call. A status query for a
    // reference that cannot exist changes nothing, and "not found" means the key got past the
    // check (a refused key throws: 401 / "003"; 5xx or no answer: unavailable).
    const answer = await omariQuery(config, randomUUID(), null);
    if (!answer.ok && answer.code !== OMARI_NOT_FOUND) {
      throw new ProviderRejectedError(answer.code, `Omari answered a status query with ${answer.code} (${answer.message}), not 025 "not found": the merchant key cannot be confirmed`);
    }
    return { message: 'Omari accepted the merchant key (a status query for an unknown reference answered "not found")', target: config.baseUrl };
  },
};

export function canTestConnection(provider: string): boolean {
  return provider in TESTERS;
}

/** Never throws: the outcome is reported (and the message never contains a credential). */
export async function testProviderConnection(db: DbOrTx, provider: string): Promise<ConnectionResult> {
  const tester = TESTERS[provider as ProviderId];
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!tester) return { ok: false, message: `No connection test for ${provider}`, durationMs: 0 };
  try {
    const result = await tester(db);
    return { ok: true, ...result, durationMs: elapsed() };
  } catch (error) {
    if (error instanceof ProviderRejectedError || error instanceof ProviderUnavailableError || error instanceof AppError) {
      return { ok: false, message: error.message, durationMs: elapsed() };
    }
    return { ok: false, message: `Unexpected error: ${(error as Error).message}`, durationMs: elapsed() };
  }
}
