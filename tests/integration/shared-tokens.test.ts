// Daraja, ClickPesa and Qmoney tokens are shared by every app instance through PostgreSQL.
// A second instance is a second copy of the auth modules (vi.resetModules): its own process
// memory, the same database, as when two servers run behind one load balancer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getEnv } from '@/lib/env';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { resolveClickPesaConfig } from '@/lib/providers/clickpesa/config';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

type MpesaAuth = typeof import('@/lib/providers/mpesa/auth');
type ClickPesaAuth = typeof import('@/lib/providers/clickpesa/auth');

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp({ sandbox: { mpesaInvalidatePreviousToken: true } });
});
afterAll(async () => t?.close());

async function instance<M>(path: string): Promise<M> {
  vi.resetModules();
  return (await import(/* @vite-ignore */ path)) as M;
}

const ledgerCount = (provider: 'mpesa' | 'clickpesa', fragment: string) =>
  t.sandbox.ledger(provider).filter((e) => JSON.stringify(e).includes(fragment)).length;

describe('provider tokens shared across instances', () => {
  it('two instances asking at once mint one Daraja token between them, and both use it', async () => {
    const config = resolveMpesaConfig(getEnv())!;
    const [a, b] = [await instance<MpesaAuth>('@/lib/providers/mpesa/auth'), await instance<MpesaAuth>('@/lib/providers/mpesa/auth')];
    await Promise.all([a.invalidateAccessToken(config), b.invalidateAccessToken(config)]);
    const before = ledgerCount('mpesa', '/oauth/v1/generate');
    const [ta, tb] = await Promise.all([a.getAccessToken(config, null), b.getAccessToken(config, null)]);
    expect(ledgerCount('mpesa', '/oauth/v1/generate') - before).toBe(1);
    expect(ta).toBe(tb);
  });

  it('an instance whose token was refused picks up the newer one another instance minted, without minting again', async () => {
    const config = resolveMpesaConfig(getEnv())!;
    const [a, b] = [await instance<MpesaAuth>('@/lib/providers/mpesa/auth'), await instance<MpesaAuth>('@/lib/providers/mpesa/auth')];
    const old = await a.getAccessToken(config, null);
    expect(await b.getAccessToken(config, null)).toBe(old);
    // b is refused first and refreshes; a, still holding the old token, is refused next.
    await b.invalidateAccessToken(config, old);
    const fresh = await b.getAccessToken(config, null);
    expect(fresh).not.toBe(old);
    const before = ledgerCount('mpesa', '/oauth/v1/generate');
    await a.invalidateAccessToken(config, old);
    expect(await a.getAccessToken(config, null)).toBe(fresh);
    expect(ledgerCount('mpesa', '/oauth/v1/generate')).toBe(before);
  });

  it('ClickPesa tokens are shared the same way', async () => {
    const config = resolveClickPesaConfig(getEnv())!;
    const [a, b] = [await instance<ClickPesaAuth>('@/lib/providers/clickpesa/auth'), await instance<ClickPesaAuth>('@/lib/providers/clickpesa/auth')];
    await Promise.all([a.invalidateClickPesaToken(config), b.invalidateClickPesaToken(config)]);
    const before = ledgerCount('clickpesa', '/generate-token');
    const [ta, tb] = await Promise.all([a.getClickPesaToken(config, null), b.getClickPesaToken(config, null)]);
    expect(ledgerCount('clickpesa', '/generate-token') - before).toBe(1);
    expect(ta).toBe(tb);
  });

  it('stores tokens sealed, never in the clear', async () => {
    const config = resolveMpesaConfig(getEnv())!;
    const a = await instance<MpesaAuth>('@/lib/providers/mpesa/auth');
    const token = await a.getAccessToken(config, null);
    const rows = await t.db.execute<{ sealed_token: string }>(`select sealed_token, key_hash from provider_tokens` as never);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(token);
    expect(text).not.toContain(config.consumerKey);
  });
});
