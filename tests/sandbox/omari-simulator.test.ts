import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOmariSimulator } from '../../sandbox/omari/simulator';
import { sleep, startHarness, type Harness } from './harness';

const BASE = '/vsuite/omari/api/merchant/api/payment';
const KEY = { 'x-merchant-key': 'sandbox-merchant-key' };
const SUCCESS = '263770000000';

describe('Omari simulator', () => {
  let h: Harness;

  const post = (action: string, body: unknown, headers: Record<string, string> = KEY) => h.request('POST', `${BASE}${action}`, { headers, body });
  const authorize = (msisdn = SUCCESS, extra: Record<string, unknown> = {}) => {
    const reference = randomUUID();
    return post('/auth', { msisdn, reference, amount: 3.5, currency: 'USD', channel: 'WEB', ...extra }).then((res) => ({ res, reference }));
  };
  const otpFor = (msisdn: string) => h.phone.sms(msisdn)[0]?.otp ?? '';
  const confirm = (msisdn: string, reference: string, otp: string, action = '/request') => post(action, { msisdn, reference, otp });
  const query = (reference: string) => h.request('GET', `${BASE}/query/${reference}`, { headers: KEY });

  beforeEach(async () => {
    h = await startHarness(createOmariSimulator, { slowMs: 250 });
  });
  afterEach(async () => {
    await h.close();
    expect(h.errors).toEqual([]);
  });

  describe('happy path', () => {
    it('auth sends an OTP by SMS and confirms with it', async () => {
      const { res, reference } = await authorize();
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ error: false, message: 'Auth Success', responseCode: '000', otpReference: expect.stringMatching(/^[A-Z]{4}$/) });
      const sms = h.phone.sms(SUCCESS)[0]!;
      expect(sms).toMatchObject({ provider: 'omari', otp: expect.stringMatching(/^\d{6}$/) });
      expect(sms.text).toBe(`Your Omari OTP is ${sms.otp}. Ref ${res.json.otpReference}`);

      expect((await query(reference)).json).toMatchObject({ status: 'Pending', responseCode: '000' });
      const paid = await confirm(SUCCESS, reference, sms.otp ?? '');
      expect([paid.status, paid.json]).toEqual([
        200,
        {
          error: false,
          message: 'Payment Success',
          responseCode: '000',
          paymentReference: expect.stringMatching(/^[A-Z0-9]{26}$/),
          debitReference: expect.stringMatching(/^[0-9a-f]{12}$/),
        },
      ]);
      expect((await query(reference)).json).toEqual({
        error: false,
        message: 'Success',
        status: 'Success',
        responseCode: '000',
        reference,
        amount: 3.5,
        currency: 'USD',
        channel: 'WEB',
        paymentReference: paid.json.paymentReference,
        debitReference: paid.json.debitReference,
        created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      });
    });
    it('accepts /requests (plural) and the /uat prefix', async () => {
      const { reference } = await authorize('263771234567', { currency: 'ZWG', channel: 'POS', amount: 10 });
      const res = await h.request('POST', `/uat${BASE}/requests`, { headers: KEY, body: { msisdn: '263771234567', reference, otp: otpFor('263771234567') } });
      expect(res.json.responseCode).toBe('000');
    });
    it('keeps OTPs and the merchant key out of the ledger', async () => {
      const { reference } = await authorize();
      const otp = otpFor(SUCCESS);
      await confirm(SUCCESS, reference, otp);
      const ledger = JSON.stringify(h.ledger());
      expect(ledger).not.toContain(otp);
      expect(ledger).not.toContain('sandbox-merchant-key');
    });
  });

  describe('errors', () => {
    it('401s a missing or wrong merchant key', async () => {
      const variants: Record<string, string>[] = [{}, { 'x-merchant-key': 'wrong' }];
      for (const headers of variants) {
        const res = await post('/auth', {}, headers);
        expect([res.status, res.json]).toEqual([401, { error: true, message: 'Invalid merchant key', responseCode: '003' }]);
      }
    });
    it.each([
      [{ msisdn: '0771234567' }, /msisdn/],
      [{ reference: 'ORD-1' }, /reference/],
      [{ amount: '3.50' }, /amount/],
      [{ amount: 1.234 }, /amount/],
      [{ currency: 'ZWL' }, /currency/],
      [{ channel: 'APP' }, /channel/],
    ])('answers 030 for a bad auth field %j', async (override, message) => {
      const res = await post('/auth', { msisdn: SUCCESS, reference: randomUUID(), amount: 3.5, currency: 'USD', channel: 'WEB', ...override });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: true, message: expect.stringMatching(message), responseCode: '030' });
    });
    it('answers 026 for a reused reference', async () => {
      const { reference } = await authorize();
      const res = await post('/auth', { msisdn: SUCCESS, reference, amount: 3.5, currency: 'USD', channel: 'WEB' });
      expect([res.status, res.json.responseCode]).toEqual([400, '026']);
    });
    it('answers 055 for a wrong OTP, without locking the payment', async () => {
      const { reference } = await authorize();
      for (let i = 0; i < 5; i += 1) {
        const res = await confirm(SUCCESS, reference, '000000' === otpFor(SUCCESS) ? '111111' : '000000');
        expect([res.status, res.json]).toEqual([400, { error: true, message: 'Invalid OTP', responseCode: '055' }]);
      }
      expect((await confirm(SUCCESS, reference, otpFor(SUCCESS))).json.responseCode).toBe('000');
    });
    it('answers 026 when the payment is already completed', async () => {
      const { reference } = await authorize();
      await confirm(SUCCESS, reference, otpFor(SUCCESS));
      const again = await confirm(SUCCESS, reference, otpFor(SUCCESS));
      expect(again.json).toMatchObject({ error: true, responseCode: '026' });
    });
    it('answers 025 (404) for an unknown reference', async () => {
      expect((await confirm(SUCCESS, randomUUID(), '123456')).status).toBe(404);
      const res = await query(randomUUID());
      expect([res.status, res.json]).toEqual([404, { error: true, message: 'Transaction not found', responseCode: '025' }]);
    });
    it('answers 091 once the OTP lifetime has passed', async () => {
      h.ctx.options.omariOtpTtlSeconds = 0;
      const { reference } = await authorize('263771234567');
      await sleep(5);
      const res = await confirm('263771234567', reference, otpFor('263771234567'));
      expect(res.json).toEqual({ error: true, message: 'OTP expired', responseCode: '091' });
      expect((await query(reference)).json.status).toBe('Failed');
    });
    it('can answer failures with HTTP 200 (omariErrorHttpStatus)', async () => {
      h.ctx.options.omariErrorHttpStatus = 200;
      const { reference } = await authorize();
      expect((await confirm(SUCCESS, reference, 'nope')).status).toBe(200);
      expect((await query(randomUUID())).status).toBe(200);
    });
    it('can lock after omariMaxOtpAttempts wrong codes (075)', async () => {
      h.ctx.options.omariMaxOtpAttempts = 2;
      const { reference } = await authorize();
      expect((await confirm(SUCCESS, reference, 'x')).json.responseCode).toBe('055');
      expect((await confirm(SUCCESS, reference, 'x')).json.responseCode).toBe('075');
      expect((await confirm(SUCCESS, reference, otpFor(SUCCESS))).json.responseCode).toBe('075');
    });
  });

  describe('magic numbers', () => {
    it('263770000001 answers 051 Insufficient funds at /request', async () => {
      const { res, reference } = await authorize('263770000001');
      expect(res.json.responseCode).toBe('000');
      const paid = await confirm('263770000001', reference, otpFor('263770000001'));
      expect(paid.json).toEqual({ error: true, message: 'Insufficient funds', responseCode: '051' });
      expect((await query(reference)).json.status).toBe('Failed');
    });
    it('263770000002 expires the OTP after 1 s', async () => {
      const { reference } = await authorize('263770000002');
      await sleep(1100);
      expect((await confirm('263770000002', reference, otpFor('263770000002'))).json.responseCode).toBe('091');
    });
    it('263770000003 answers HTTP 500 "096" at /auth', async () => {
      const { res } = await authorize('263770000003');
      expect([res.status, res.json]).toEqual([500, { error: true, message: 'System malfunction', responseCode: '096' }]);
    });
    it('263770000004 is slow, then succeeds', async () => {
      const started = Date.now();
      const { res, reference } = await authorize('263770000004');
      expect(res.json.responseCode).toBe('000');
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
      expect((await confirm('263770000004', reference, otpFor('263770000004'))).json.responseCode).toBe('000');
    });
  });

  describe('void', () => {
    it('voids a payment once', async () => {
      const { reference } = await authorize();
      const res = await post('/void', { reference });
      expect(res.json).toEqual({ error: false, message: 'Transaction voided successfully', responseCode: '000' });
      expect((await query(reference)).json).toMatchObject({ status: 'Failed', voided: true });
      expect((await post('/void', { reference })).json.responseCode).toBe('026');
      expect((await confirm(SUCCESS, reference, otpFor(SUCCESS))).json.responseCode).toBe('012');
      expect((await post('/void', { reference: randomUUID() })).json.responseCode).toBe('025');
    });
  });

  it('answers unknown paths with a Spring 404', async () => {
    const res = await h.request('GET', '/nope', { headers: KEY });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ status: 404, error: 'Not Found', path: '/nope' });
  });
});

describe('Omari mounted in the real sandbox server', () => {
  it('pays with the OTP read from /_sandbox/sms', async () => {
    const { startSandbox } = await import('../../sandbox/server');
    const sandbox = await startSandbox({ port: 0, simulators: [createOmariSimulator] });
    try {
      const base = `${sandbox.url}/omari${BASE}`;
      const post = async (action: string, body: unknown) =>
        (await fetch(`${base}${action}`, { method: 'POST', headers: { 'content-type': 'application/json', ...KEY }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
      const reference = randomUUID();
      expect(await post('/auth', { msisdn: '263771112222', reference, amount: 1, currency: 'USD', channel: 'WEB' })).toMatchObject({ responseCode: '000' });
      const { messages } = (await (await fetch(`${sandbox.url}/_sandbox/sms?msisdn=263771112222`)).json()) as { messages: { otp: string }[] };
      expect(await post('/request', { msisdn: '263771112222', reference, otp: messages[0]!.otp })).toMatchObject({ responseCode: '000', message: 'Payment Success' });
    } finally {
      await sandbox.close();
    }
  });
});
