import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeChecksum, legacyMessage, canonicalMessage, signPayload, verifyChecksum } from '../../sandbox/clickpesa/checksum';
import { createClickPesaSimulator } from '../../sandbox/clickpesa/simulator';
import { eventually, startHarness, startWebhookReceiver, sleep, type Harness } from './harness';

const API = '/third-parties';
const CREDS = { 'client-id': 'sandbox-client-id', 'api-key': 'sandbox-api-key' };
const FAST = { outcomeDelayMs: 20, promptTimeoutMs: 300, slowMs: 250 };

let seq = 0;
const newRef = () => `ORD${Date.now()}${(seq += 1)}`;

describe('ClickPesa checksum (providers.md §2.6 vectors)', () => {
  const key = 'secret-key';
  const tx = { amount: 100, currency: 'USD', reference: 'TX123' };

  it('legacy', () => {
    expect(legacyMessage(tx)).toBe('100USDTX123');
    expect(computeChecksum(tx, key, 'legacy')).toBe('85b65bf2670dcdcb8ebb8d19939e4fd59b02d5218741be2eaf9f575273b101d1');
  });
  it('canonical', () => {
    expect(canonicalMessage(tx)).toBe('{"amount":100,"currency":"USD","reference":"TX123"}');
    expect(computeChecksum(tx, key)).toBe('17c51f37dad20682e08cd556446c7f8e99840f4040b6719712f41f7549287f33');
  });
  it('canonical, USSD push payload', () => {
    const body = { phoneNumber: '255712345678', orderReference: 'ORD123', currency: 'TZS', amount: '1000' };
    expect(computeChecksum(body, key)).toBe('99fd7367f82d4af014dbd4371f5cb4957c17b737540aaab238ed1fe44caf1b6c');
  });
  it('sorts nested keys, ignores checksum fields, accepts both generations', () => {
    expect(canonicalMessage({ b: { d: 1, c: [{ z: 1, y: 2 }] }, a: 'x', checksum: 'c', checksumMethod: 'canonical' })).toBe(
      '{"a":"x","b":{"c":[{"y":2,"z":1}],"d":1}}',
    );
    const signed = signPayload(tx, key);
    expect(verifyChecksum(signed, key)).toBe('canonical');
    expect(verifyChecksum({ ...tx, checksum: computeChecksum(tx, key, 'legacy') }, key)).toBe('legacy');
    expect(verifyChecksum({ ...tx, checksum: 'ab'.repeat(32) }, key)).toBeNull();
    expect(verifyChecksum(tx, key)).toBeNull();
  });
});

describe('ClickPesa simulator', () => {
  let h: Harness;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let auth: Record<string, string>;

  const initiate = (phoneNumber: string, orderReference = newRef(), extra: Record<string, unknown> = {}) =>
    h.request('POST', `${API}/payments/initiate-ussd-push-request`, {
      headers: auth,
      body: { amount: '1000', currency: 'TZS', orderReference, phoneNumber, ...extra },
    });
  const status = async (ref: string) => (await h.request('GET', `${API}/payments/${ref}`, { headers: auth })).json[0];

  beforeEach(async () => {
    hook = await startWebhookReceiver();
    h = await startHarness(createClickPesaSimulator, { ...FAST, clickpesaWebhookUrl: hook.url });
    const token = await h.request('POST', `${API}/generate-token`, { headers: CREDS });
    auth = { authorization: token.json.token };
  });
  afterEach(async () => {
    await h.close();
    await hook.close();
    expect(h.errors).toEqual([]);
  });

  describe('generate-token', () => {
    it('returns a token that already carries the Bearer prefix', async () => {
      const res = await h.request('POST', `${API}/generate-token`, { headers: CREDS });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ success: true, token: expect.stringMatching(/^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/) });
    });
    it('403s bad client details and bad API keys', async () => {
      const badClient = await h.request('POST', `${API}/generate-token`, { headers: { ...CREDS, 'client-id': 'nope' } });
      expect([badClient.status, badClient.json]).toEqual([403, { message: 'Invalid client details' }]);
      const badKey = await h.request('POST', `${API}/generate-token`, { headers: { ...CREDS, 'api-key': 'nope' } });
      expect([badKey.status, badKey.json]).toEqual([403, { message: 'Invalid or Expired API-Key' }]);
    });
    it('401s missing, forged and expired tokens', async () => {
      const variants: Record<string, string>[] = [{}, { authorization: 'Bearer abc.def.ghi' }, { authorization: auth.authorization!.slice(7) }];
      for (const headers of variants) {
        const res = await h.request('GET', `${API}/payments/X1`, { headers });
        expect([res.status, res.json]).toEqual([401, { message: 'Unauthorized' }]);
      }
      h.ctx.options.clickpesaTokenTtlSeconds = 0;
      const shortLived = (await h.request('POST', `${API}/generate-token`, { headers: CREDS })).json.token;
      await sleep(5);
      const res = await h.request('GET', `${API}/payments/X1`, { headers: { authorization: shortLived } });
      expect(res.status).toBe(401);
    });
    it('keeps secrets out of the ledger', async () => {
      expect(JSON.stringify(h.ledger())).not.toMatch(/eyJ|sandbox-api-key/);
    });
  });

  describe('preview', () => {
    it('lists the network of the phone number, with sender details on request', async () => {
      const res = await h.request('POST', `${API}/payments/preview-ussd-push-request`, {
        headers: auth,
        body: { amount: '1000', currency: 'TZS', orderReference: newRef(), phoneNumber: '255712345678', fetchSenderDetails: true },
      });
      expect(res.status).toBe(200);
      expect(res.json.activeMethods).toEqual([{ name: 'TIGO-PESA', status: 'AVAILABLE', fee: expect.any(Number), message: expect.any(String) }]);
      expect(res.json.sender).toEqual({ accountName: expect.any(String), accountNumber: '255712345678', accountProvider: 'TIGO-PESA' });
    });
    it('lists every network without a phone number', async () => {
      const res = await h.request('POST', `${API}/payments/preview-ussd-push-request`, {
        headers: auth,
        body: { amount: '1000', currency: 'TZS', orderReference: newRef() },
      });
      expect(res.json.activeMethods.map((m: { name: string }) => m.name)).toEqual(['M-PESA', 'AIRTEL-MONEY', 'TIGO-PESA', 'HALOPESA']);
      expect(res.json.sender).toBeUndefined();
    });
  });

  describe('initiate validation', () => {
    it.each([
      ['255741234567', 'M-PESA'],
      ['255681234567', 'AIRTEL-MONEY'],
      ['255781234567', 'AIRTEL-MONEY'],
      ['255651234567', 'TIGO-PESA'],
      ['255621234567', 'HALOPESA'],
    ])('derives the channel of %s', async (phone, channel) => {
      const ref = newRef();
      const res = await initiate(phone, ref);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        id: expect.stringMatching(new RegExp(`^${ref}LCP[0-9A-F]{4}$`)),
        status: 'PROCESSING',
        channel,
        orderReference: ref,
        collectedAmount: '1000',
        collectedCurrency: 'TZS',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        clientId: 'sandbox-client-id',
      });
    });
    it.each(['+255712345678', '0712345678', '25571234567', '255731234567'])('rejects phone %s', async (phone) => {
      const res = await initiate(phone);
      expect([res.status, res.json]).toEqual([400, { message: 'Invalid / unsupported phone number' }]);
    });
    it.each(['', '   ', 'ORD-1', 'ORD 1'])('rejects order reference %j', async (ref) => {
      const res = await initiate('255712345678', ref);
      expect([res.status, res.json]).toEqual([
        400,
        { message: 'Invalid Order Reference, should only contain alphanumeric characters and cannot be blank' },
      ]);
    });
    it('rejects numeric amounts and other currencies, NestJS-style', async () => {
      const res = await initiate('255712345678', newRef(), { amount: 1000, currency: 'KES' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        statusCode: 400,
        message: ['amount must be a number string', 'currency must be one of the following values: TZS'],
        error: 'Bad Request',
      });
    });
    it('409s a reused order reference', async () => {
      const ref = newRef();
      await initiate('255712345678', ref);
      const res = await initiate('255712345678', ref);
      expect([res.status, res.json]).toEqual([409, { message: `Order reference ${ref} already used: Create a different reference` }]);
    });
    it('404s an unknown payment', async () => {
      const res = await h.request('GET', `${API}/payments/NOPE1`, { headers: auth });
      expect([res.status, res.json]).toEqual([404, { message: 'Invalid or missing payment: NOPE1' }]);
    });
  });

  describe('magic numbers', () => {
    it('255700000000 succeeds and posts PAYMENT RECEIVED', async () => {
      const ref = newRef();
      expect((await initiate('255700000000', ref)).json.channel).toBe('M-PESA');
      expect((await status(ref)).status).toBe('PROCESSING');
      await hook.waitFor(1);
      const { body } = hook.received[0]!;
      expect(body).toEqual({
        event: 'PAYMENT RECEIVED',
        data: expect.objectContaining({ status: 'SUCCESS', orderReference: ref, collectedAmount: '1000', collectedCurrency: 'TZS', message: 'success' }),
      });
      expect(body.data.paymentReference).toMatch(/^[a-z0-9]{18}$/);
      const row = await status(ref);
      expect(row).toMatchObject({ status: 'SUCCESS', collectedAmount: 1000, paymentReference: body.data.paymentReference });
      await eventually(() => h.ledger().some((e) => e.kind === 'webhook' && e.delivered === true));
    });
    it.each([
      ['255700000001', 'Transaction rejected by customer'],
      ['255700000002', 'Insufficient balance'],
    ])('%s fails with "%s" and posts PAYMENT FAILED under eventType', async (phone, message) => {
      const ref = newRef();
      await initiate(phone, ref);
      await hook.waitFor(1);
      expect(hook.received[0]!.body).toEqual({
        eventType: 'PAYMENT FAILED',
        data: { id: expect.any(String), status: 'FAILED', orderReference: ref, message, updatedAt: expect.any(String), createdAt: expect.any(String) },
      });
      expect(await status(ref)).toMatchObject({ status: 'FAILED', message });
    });
    it('255700000003 stays PROCESSING until the prompt timeout', async () => {
      const ref = newRef();
      await initiate('255700000003', ref);
      await sleep(150);
      expect((await status(ref)).status).toBe('PROCESSING');
      await hook.waitFor(1);
      expect(await status(ref)).toMatchObject({ status: 'FAILED', message: 'No response from customer' });
    });
    it('255700000004 succeeds without a webhook', async () => {
      const ref = newRef();
      await initiate('255700000004', ref);
      await eventually(async () => (await status(ref)).status === 'SUCCESS');
      await sleep(100);
      expect(hook.received).toHaveLength(0);
      expect(h.ledger().some((e) => e.kind === 'webhook' && String(e.skipped).includes('lost'))).toBe(true);
    });
    it('255700000005 posts the same success 4 times', async () => {
      const ref = newRef();
      await initiate('255700000005', ref);
      await hook.waitFor(4);
      await sleep(100);
      expect(hook.received).toHaveLength(4);
      expect(new Set(hook.received.map((r) => JSON.stringify(r.body))).size).toBe(1);
    });
    it('255700000006 answers 500 on initiate', async () => {
      const res = await initiate('255700000006');
      expect([res.status, res.json]).toEqual([500, { message: 'Error validating fee, try again later' }]);
    });
    it('255700000007 answers after slowMs, then succeeds', async () => {
      const started = Date.now();
      const res = await initiate('255700000007');
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
      await hook.waitFor(1);
    });
  });

  describe('manual numbers use the phone page', () => {
    // Each test has a fresh sandbox, so the one pending prompt for the number is this payment's.
    const prompt = () => eventually(() => h.phone.prompts('255712345678').find((p) => p.status === 'pending'));

    it('approve → SUCCESS', async () => {
      const ref = newRef();
      await initiate('255712345678', ref);
      const p = await prompt();
      expect(p).toMatchObject({ provider: 'clickpesa', currency: 'TZS' });
      h.phone.answer(p.id, true);
      await hook.waitFor(1);
      expect(hook.received[0]!.body.event).toBe('PAYMENT RECEIVED');
    });
    it('decline → FAILED "Transaction rejected by customer"', async () => {
      const ref = newRef();
      await initiate('255712345678', ref);
      h.phone.answer((await prompt()).id, false);
      await hook.waitFor(1);
      expect(hook.received[0]!.body.data.message).toBe('Transaction rejected by customer');
    });
    it('timeout → FAILED', async () => {
      const ref = newRef();
      await initiate('255712345678', ref);
      await hook.waitFor(1);
      expect(await status(ref)).toMatchObject({ status: 'FAILED', message: 'No response from customer' });
    });
  });

  describe('checksum on', () => {
    const key = 'ck-secret';
    beforeEach(async () => {
      const before = auth;
      h.ctx.options.clickpesaChecksumKey = key;
      // Turning checksum on invalidates existing tokens, as ClickPesa documents.
      expect((await h.request('GET', `${API}/payments/X1`, { headers: before })).status).toBe(401);
      auth = { authorization: (await h.request('POST', `${API}/generate-token`, { headers: CREDS })).json.token };
    });
    const body = (ref: string) => ({ amount: '1000', currency: 'TZS', orderReference: ref, phoneNumber: '255700000000' });

    it('rejects a missing or wrong checksum', async () => {
      for (const checksum of [undefined, 'f'.repeat(64)]) {
        const res = await h.request('POST', `${API}/payments/initiate-ussd-push-request`, { headers: auth, body: { ...body(newRef()), checksum } });
        expect([res.status, res.json]).toEqual([400, { statusCode: 400, message: ['Invalid checksum'], error: 'Bad Request' }]);
      }
    });
    it('accepts canonical and legacy checksums and signs webhooks', async () => {
      const canonical = signPayload(body(newRef()), key);
      expect((await h.request('POST', `${API}/payments/initiate-ussd-push-request`, { headers: auth, body: canonical })).status).toBe(200);
      const legacy = body(newRef());
      const res = await h.request('POST', `${API}/payments/initiate-ussd-push-request`, {
        headers: auth,
        body: { ...legacy, checksum: computeChecksum(legacy, key, 'legacy') },
      });
      expect(res.status).toBe(200);
      await hook.waitFor(1);
      const webhook = hook.received[0]!.body;
      expect(webhook.checksumMethod).toBe('canonical');
      expect(verifyChecksum(webhook, key)).toBe('canonical');
    });
    it('sends the webhook checksum in the X-ClickPesa-Signature header instead when asked (option clickpesaSignatureIn)', async () => {
      h.ctx.options.clickpesaSignatureIn = 'header';
      const canonical = signPayload(body(newRef()), key);
      expect((await h.request('POST', `${API}/payments/initiate-ussd-push-request`, { headers: auth, body: canonical })).status).toBe(200);
      await hook.waitFor(1);
      const { body: webhook, headers } = hook.received[0]!;
      expect(webhook.checksum).toBeUndefined();
      expect(webhook.checksumMethod).toBeUndefined();
      expect(headers['x-clickpesa-signature']).toBe(computeChecksum(webhook, key));
    });
    it('signs in the body by default, with no signature header', async () => {
      await h.request('POST', `${API}/payments/initiate-ussd-push-request`, { headers: auth, body: signPayload(body(newRef()), key) });
      await hook.waitFor(1);
      expect(hook.received[0]!.headers['x-clickpesa-signature']).toBeUndefined();
      expect(verifyChecksum(hook.received[0]!.body, key)).toBe('canonical');
    });
  });

  it('sets the webhook URL at runtime through /_control/webhook-url', async () => {
    const other = await startWebhookReceiver();
    try {
      const set = await h.request('POST', '/_control/webhook-url', { body: { url: other.url } });
      expect(set.json).toEqual({ url: other.url });
      await initiate('255700000000');
      await other.waitFor(1);
      expect(hook.received).toHaveLength(0);
      const cleared = await h.request('POST', '/_control/webhook-url', { body: { url: null } });
      expect(cleared.json).toEqual({ url: hook.url });
      expect((await h.request('POST', '/_control/webhook-url', { body: { url: 'ftp://x' } })).status).toBe(400);
    } finally {
      await other.close();
    }
  });

  it('reset forgets payments but keeps tokens valid', async () => {
    const ref = newRef();
    await initiate('255712345678', ref);
    h.simulator.reset?.();
    const res = await h.request('GET', `${API}/payments/${ref}`, { headers: auth });
    expect(res.status).toBe(404);
  });

  it('answers unknown routes like NestJS', async () => {
    const res = await h.request('GET', `${API}/nope`, { headers: auth });
    expect([res.status, res.json]).toEqual([404, { message: `Cannot GET ${API}/nope`, error: 'Not Found', statusCode: 404 }]);
  });
});

describe('ClickPesa mounted in the real sandbox server', () => {
  it('pays through /phone prompts approved via the control API', async () => {
    const { startSandbox } = await import('../../sandbox/server');
    const hook = await startWebhookReceiver();
    const sandbox = await startSandbox({ port: 0, options: FAST, simulators: [createClickPesaSimulator] });
    try {
      const base = `${sandbox.url}/clickpesa/third-parties`;
      const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body) });
      await post(`${sandbox.url}/clickpesa/_control/webhook-url`, { url: hook.url });
      const { token } = (await (await fetch(`${base}/generate-token`, { method: 'POST', headers: CREDS })).json()) as { token: string };
      const ref = newRef();
      const res = await post(`${base}/payments/initiate-ussd-push-request`, { amount: '500', currency: 'TZS', orderReference: ref, phoneNumber: '255754000111' }, { authorization: token });
      expect(res.status).toBe(200);
      const { prompts } = (await (await fetch(`${sandbox.url}/_sandbox/prompts?msisdn=255754000111`)).json()) as { prompts: { id: string }[] };
      expect(prompts).toHaveLength(1);
      expect((await post(`${sandbox.url}/_sandbox/prompts/${prompts[0]!.id}/approve`, {})).status).toBe(200);
      await hook.waitFor(1);
      expect(hook.received[0]!.body).toMatchObject({ event: 'PAYMENT RECEIVED', data: { orderReference: ref, channel: 'M-PESA' } });
      expect(sandbox.ledger('clickpesa').map((e) => e.kind)).toContain('outcome');
    } finally {
      await sandbox.close();
      await hook.close();
    }
  });
});
