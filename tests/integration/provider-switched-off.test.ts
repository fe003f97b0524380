// Switching a provider off means "no new payments", never "forget the open ones" (issue 8 §4).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, providerSettings } from '@/db/schema';
import { findPayment, refreshPaymentStatus } from '@/lib/payments';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;
beforeAll(async () => {
  t = await startIntegrationApp({ sandbox: { outcomeDelayMs: 800 } });
});
afterAll(async () => t?.close());

const switchMpesa = (enabled: boolean) =>
  t.db.insert(providerSettings).values({ provider: 'mpesa', enabled }).onConflictDoUpdate({ target: providerSettings.provider, set: { enabled } });

describe('a provider switched off in admin', () => {
  it('refuses new payments but still applies the callback of a prompt it started', async () => {
    await switchMpesa(true);
    const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn: '254700000000' });
    expect(res.status).toBe(201);
    await switchMpesa(false);
    const refused = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn: '254700000001' });
    expect(refused.status).toBe(422);
    const done = await waitFor(async () => {
      const p = await findPayment(t.db, res.body.data.id);
      return p?.status === 'success' ? p : null;
    });
    const [order] = await t.db.select().from(orders).where(eq(orders.id, done.orderId));
    expect(order?.amountPaidMinor).toBe(15_000);
  });

  it('still queries its open attempts', async () => {
    await switchMpesa(true);
    await new Promise((r) => setTimeout(r, 900));
    // 254700000005: the callback is lost; only the STK query tells the truth.
    const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn: '254700000005' });
    expect(res.status).toBe(201);
    await switchMpesa(false);
    await new Promise((r) => setTimeout(r, 1200));
    const after = await refreshPaymentStatus(t.db, res.body.data.id);
    expect(after.status).toBe('success');
    await switchMpesa(true);
  });
});
