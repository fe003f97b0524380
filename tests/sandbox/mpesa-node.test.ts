// Safaricom's own Node SDK (npm `mpesa-node`, safaricom/mpesa-node-library) must complete an STK
// push and an STK query against the sandbox with its defaults: whatever it sends (UTC timestamp,
// numeric MSISDN and amount, a 20-character default TransactionDesc, a random 7-character
// AccountReference, `content-type: application/json` on the OAuth GET) Daraja accepts, so the
// sandbox must too.
//
// mpesa-node has no option or environment variable for the base URL: its constructor hard-codes
// `https://sandbox.safaricom.co.ke` (or `https://api...` for environment "production") into the
// public instance property `baseURL`, and every call reads `this.baseURL` when it is made
// (src/helpers/request.js, src/endpoints/oauth.js). Setting that property after construction is
// the closest thing to a supported switch; everything else stays at the SDK's defaults.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStkCallback } from '../../lib/providers/mpesa/callback';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { PASSKEY, SHORTCODE, startReceiver, waitFor } from './helpers';

interface AxiosReply {
  status: number;
  data: Record<string, string>;
}
interface MpesaNode {
  baseURL: string;
  lipaNaMpesaOnline(msisdn: number, amount: number, callbackUrl: string, accountRef: string): Promise<AxiosReply>;
  lipaNaMpesaQuery(checkoutRequestId: string): Promise<AxiosReply>;
}
type MpesaNodeClass = new (config: Record<string, string>) => MpesaNode;

const Mpesa = createRequire(import.meta.url)('mpesa-node') as MpesaNodeClass;

let sandbox: SandboxHandle;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({ port: 0, options: { outcomeDelayMs: 50 } });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function sdkAgainstSandbox(): MpesaNode {
  // The configuration the SDK's own integration tests use (tests/helpers/instance.js).
  const mpesa = new Mpesa({
    consumerKey: 'sandbox-consumer-key',
    consumerSecret: 'sandbox-consumer-secret',
    environment: 'sandbox',
    lipaNaMpesaShortCode: SHORTCODE,
    lipaNaMpesaShortPass: PASSKEY,
  });
  expect(mpesa.baseURL).toBe('https://sandbox.safaricom.co.ke');
  mpesa.baseURL = `${sandbox.url}/mpesa`;
  return mpesa;
}

describe('Safaricom mpesa-node against the Daraja sandbox', () => {
  it('completes an STK push (success callback) and an STK query with the SDK defaults', async () => {
    const mpesa = sdkAgainstSandbox();
    // As in the SDK's tests/integrations/lipa-na-mpesa.test.js: numeric MSISDN and amount, random ref.
    const push = await mpesa.lipaNaMpesaOnline(254708374149, 100, receiver.url, Math.random().toString(35).slice(2, 9));
    expect(push.status).toBe(200);
    expect(push.data).toMatchObject({ ResponseCode: '0', CheckoutRequestID: expect.stringMatching(/^ws_CO_/) });
    const checkoutRequestId = push.data.CheckoutRequestID!;

    const [callback] = await waitFor(() => receiver.for(checkoutRequestId).length > 0 && receiver.for(checkoutRequestId));
    expect(parseStkCallback(callback?.body)).toMatchObject({ amount: 100, outcome: { status: 'success' } });

    const query = await mpesa.lipaNaMpesaQuery(checkoutRequestId);
    expect(query.status).toBe(200);
    // The SDK's own test asserts this (misspelt) text.
    expect(query.data.ResponseDescription).toMatch(/The service request has been accepted successsfully/);
    expect(query.data).toMatchObject({ CheckoutRequestID: checkoutRequestId, ResultCode: '0' });
  });
});
