import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPayment } from '@/lib/payments';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  // Daraja may invalidate older tokens when a new one is issued; the simulator can do the same.
  t = await startIntegrationApp({ sandbox: { mpesaInvalidatePreviousToken: true } });
});
afterAll(async () => t?.close());

describe('M-Pesa OAuth token handling', () => {
  it('reuses one token across calls, and refreshes transparently on 404.001.03 Invalid Access Token', async () => {
    const first = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '5', currency: 'KES', msisdn: '254700000000' });
    expect(first.body.data.status).toBe('processing');
    const second = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '5', currency: 'KES', msisdn: '254708374149' });
    expect(second.body.data.status).toBe('processing');
    const oauthCalls = () => t.sandbox.ledger('mpesa').filter((e) => JSON.stringify(e).includes('/oauth/v1/generate')).length;
    const before = oauthCalls();

    // Someone else (another instance, a developer's curl) fetches a token: ours is now invalid.
    const basic = Buffer.from('sandbox-consumer-key:sandbox-consumer-secret').toString('base64');
    const other = await fetch(`${t.sandbox.url}/mpesa/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: `Basic ${basic}` } });
    expect(other.status).toBe(200);

    const third = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '5', currency: 'KES', msisdn: '254700000009' });
    expect(third.body.data.status).toBe('processing');
    expect(oauthCalls()).toBe(before + 2); // the foreign one, and our refresh after 404.001.03
    const done = await waitFor(async () => {
      const p = await findPayment(t.db, third.body.data.id);
      return p?.status === 'success' ? p : null;
    });
    expect(done.receipt).toBeTruthy();
  });
});
