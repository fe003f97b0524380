import 'server-only';
import type { DbOrTx } from '@/db';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getAccessToken, invalidateAccessToken } from '@/lib/providers/mpesa/auth';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { loadStoredOptions } from '@/lib/providers/registry';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderId } from '@/lib/providers/types';
import type { ConnectionResult } from './types';

type Tester = (db: DbOrTx) => Promise<{ message: string; target?: string }>;

// One real authentication call per provider, with the configuration payments would use now
// (environment over stored settings over sandbox). Add a tester beside your provider's spec.
const TESTERS: Partial<Record<ProviderId, Tester>> = {
  async mpesa(db) {
    const config = resolveMpesaConfig(getEnv(), (await loadStoredOptions(db)).mpesa);
    if (!config) throw new AppError('unprocessable', 'M-Pesa is not configured: set the missing settings first');
    // Drop the cached token so this really asks Daraja, not our memory.
    invalidateAccessToken(config);
    await getAccessToken(config, null);
    return { message: 'Daraja issued an access token: the consumer key and secret are valid', target: config.baseUrl };
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
