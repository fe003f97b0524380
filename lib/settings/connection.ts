import 'server-only';
import type { DbOrTx } from '@/db';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { manifestOf } from '@/lib/providers/catalog';
import { loadStoredOptions } from '@/lib/providers/registry';
import { ProviderRejectedError, ProviderUnavailableError } from '@/lib/providers/types';
import type { ConnectionResult } from './types';

// One real authenticated call per provider (its manifest's testConnection), with the
// configuration payments would use now (environment over stored settings over sandbox).
export function canTestConnection(provider: string): boolean {
  return !!manifestOf(provider)?.testConnection;
}

/** Never throws: the outcome is reported (and the message never contains a credential). */
export async function testProviderConnection(db: DbOrTx, provider: string): Promise<ConnectionResult> {
  const manifest = manifestOf(provider);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!manifest?.testConnection) return { ok: false, message: `No connection test for ${provider}`, durationMs: 0 };
  try {
    const config = manifest.resolveConfig(getEnv(), (await loadStoredOptions(db))[manifest.id]);
    if (!config) throw new AppError('unprocessable', `${manifest.displayName} is not configured: set the missing settings first`);
    const result = await manifest.testConnection(config);
    return { ok: true, ...result, durationMs: elapsed() };
  } catch (error) {
    if (error instanceof ProviderRejectedError || error instanceof ProviderUnavailableError || error instanceof AppError) {
      return { ok: false, message: error.message, durationMs: elapsed() };
    }
    return { ok: false, message: `Unexpected error: ${(error as Error).message}`, durationMs: elapsed() };
  }
}
