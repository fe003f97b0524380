// The payment resource says what the merchant's system should do next (issue 10 §1):
// `prompt` (the shopper approves on the phone), `otp` (collect the code and post it), or
// `redirect` (send the shopper to the provider's page); null once nothing is left to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

describe('next_action on the payment resource', () => {
  it('an STK push: prompt until the shopper answers, then null', async () => {
    const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '10', currency: 'KES', msisdn: '254700000000' });
    expect(res.status).toBe(201);
    expect(res.body.data.next_action).toEqual({ type: 'prompt', msisdn: '254700000000', expires_at: res.body.data.expires_at });
    const done = await waitFor(async () => {
      const got = await t.api('GET', `/api/v1/payments/${res.body.data.id}`);
      return got.body.data.status === 'success' ? got.body.data : null;
    });
    expect(done.next_action).toBeNull();
  });

  it('an OTP payment: otp, naming where to post the code', async () => {
    const res = await t.api('POST', '/api/v1/payments', { provider: 'qmoney', amount: '10', currency: 'GMD', msisdn: '2207090001' });
    expect(res.status).toBe(201);
    expect(res.body.data.next_action).toEqual({ type: 'otp', submit_url: `/api/v1/payments/${res.body.data.id}/otp`, expires_at: res.body.data.expires_at });
  });

  it('is documented in the OpenAPI description', async () => {
    const spec = await t.api('GET', '/api/v1/openapi.json');
    expect(JSON.stringify(spec.body)).toContain('next_action');
  });
});
