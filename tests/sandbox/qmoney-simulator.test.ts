import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQmoneySimulator } from '../../sandbox/qmoney/simulator';
import { sleep, startHarness, type Harness } from './harness';

const BASIC = { authorization: 'Basic c2FuZGJveC1xbW9uZXk=' };
const CREDENTIALS = { grantType: 'password', username: 'sandbox-merchant', password: 'sandbox-password' };
const MERCHANT = '2209999999';
const SUCCESS = '2207000000';

const getMoneyBody = (payer: string, amount: unknown = 1) => ({
  data: {
    fromUser: { userIdentifier: payer },
    toUser: { userIdentifier: MERCHANT },
    serviceId: 'MOBILE_MONEY',
    productId: 'NHIA_GETMONEY',
    remarks: 'add',
    payment: [{ amount }],
    transactionPin: '1234',
  },
});

describe('Qmoney simulator', () => {
  let h: Harness;
  let bearer: Record<string, string>;

  const loginWith = (body: unknown, headers: Record<string, string> = BASIC) => h.request('POST', '/login', { headers, body });
  const getMoney = (body: unknown) => h.request('POST', '/getMoney', { headers: bearer, body });
  const verify = (body: unknown) => h.request('POST', '/verifyCode', { headers: bearer, body });
  const otpFor = (msisdn: string) => h.phone.sms(msisdn)[0]?.otp ?? '';
  const start = async (payer = SUCCESS, amount: unknown = 1) => (await getMoney(getMoneyBody(payer, amount))).json.data.transactionId as string;

  beforeEach(async () => {
    h = await startHarness(createQmoneySimulator, { slowMs: 250 });
    bearer = { authorization: `Bearer ${(await loginWith(CREDENTIALS)).json.data.access_token}` };
  });
  afterEach(async () => {
    await h.close();
    expect(h.errors).toEqual([]);
  });

  describe('login', () => {
    it('answers a token with accessTokenExpiry as a string, "-1" by default as UAT does', async () => {
      const res = await loginWith(CREDENTIALS);
      expect([res.status, res.json]).toEqual([
        200,
        { responseCode: '1', responseMessage: 'Success', data: { access_token: expect.stringMatching(/^eyJ/), accessTokenExpiry: '-1', twoFactorEnable: 'false' } },
      ]);
      h.ctx.options.qmoneyTokenExpiryMinusOne = false;
      expect((await loginWith(CREDENTIALS)).json.data.accessTokenExpiry).toBe('300');
    });
    it.each([
      ['no Authorization header', undefined, CREDENTIALS, 401, { error: 'Unauthorized', message: 'Unauthorized', status: 401 }],
      ['a wrong Basic token', { authorization: 'Basic nope' }, CREDENTIALS, 401, { error: 'unauthorized', error_description: 'Full authentication is required to access this resource' }],
      ['grantType ≠ password', BASIC, { ...CREDENTIALS, grantType: 'client_credentials' }, 200, { responseCode: '-5100006', responseMessage: 'Invalid Nonce Block Node' }],
      ['missing grantType', BASIC, { username: 'u', password: 'p' }, 200, { responseCode: -150008, responseMessage: 'Mandatory parameter is missing : GrantType' }],
      ['missing username', BASIC, { grantType: 'password', password: 'p' }, 200, { responseCode: -150008, responseMessage: 'Mandatory parameter is missing : UserName' }],
      ['missing password', BASIC, { grantType: 'password', username: 'u' }, 200, { responseCode: -150008, responseMessage: 'Mandatory parameter is missing : Password' }],
      ['an unknown username', BASIC, { ...CREDENTIALS, username: 'ghost' }, 200, { responseCode: -150024, responseMessage: 'UserAccount not found from cache. UserIdentifier : ghost' }],
      ['a wrong password', BASIC, { ...CREDENTIALS, password: 'nope' }, 200, { responseCode: '-5100002', responseMessage: 'Invalid username or password' }],
    ])('answers %s exactly', async (_case, headers, body, status, expected) => {
      const res = await loginWith(body, headers ?? {});
      expect([res.status, res.json]).toEqual([status, expected]);
    });
    it('can add Spring timestamp/path to the missing-header 401', async () => {
      h.ctx.options.qmoneyFullSpringErrors = true;
      const res = await loginWith(CREDENTIALS, {});
      expect(res.json).toEqual({ timestamp: expect.any(String), status: 401, error: 'Unauthorized', message: 'Unauthorized', path: '/login' });
    });
    it('tokens really expire after the TTL, even when the expiry says "-1"', async () => {
      h.ctx.options.qmoneyTokenTtlSeconds = 1;
      h.ctx.options.qmoneyTokenExpiryMinusOne = true;
      const token = (await loginWith(CREDENTIALS)).json.data.access_token as string;
      const headers = { authorization: `Bearer ${token}` };
      expect((await h.request('POST', '/getMoney', { headers, body: getMoneyBody(SUCCESS) })).status).toBe(200);
      await sleep(1050);
      const res = await h.request('POST', '/getMoney', { headers, body: getMoneyBody(SUCCESS) });
      expect([res.status, res.json]).toEqual([401, { error: 'invalid_token', error_description: `Access token expired: ${token}` }]);
    });
    it('401s getMoney without a token or with a malformed one', async () => {
      const none = await h.request('POST', '/getMoney', { body: getMoneyBody(SUCCESS) });
      expect([none.status, none.json]).toEqual([401, { error: 'unauthorized', error_description: 'Full authentication is required to access this resource' }]);
      const bad = await h.request('POST', '/getMoney', { headers: { authorization: 'Bearer garbage' }, body: getMoneyBody(SUCCESS) });
      expect([bad.status, bad.json]).toEqual([401, { error: 'invalid_token', error_description: 'Cannot convert access token to JSON' }]);
    });
  });

  describe('getMoney + verifyCode', () => {
    it('sends the OTP by SMS and confirms exactly once (flat body)', async () => {
      const res = await getMoney(getMoneyBody(SUCCESS, 12.5));
      expect(res.json).toEqual({ responseCode: '1', responseMessage: 'OTP Send Successfully', data: { transactionId: expect.stringMatching(/^txn_\d{20}$/) } });
      const txn = res.json.data.transactionId as string;
      const sms = h.phone.sms(SUCCESS)[0]!;
      expect(sms.text).toBe(`Generated OTP : ${sms.otp}`);

      const ok = await verify({ transactionId: txn, otp: sms.otp });
      expect(ok.json).toEqual({
        data: {
          transactionId: txn,
          balanceData: [
            expect.objectContaining({ walletExternalId: 'MAIN_WALLET', usedValue: 0, unusedValue: 1_250_000, availableBalance: '12.50', pouchExternalId: 'EMONEY_POUCH' }),
            expect.objectContaining({ pouchExternalId: 'LOYALTY_POINTS_POUCH', availableBalance: '0', unusedValue: 0 }),
          ],
        },
        responseCode: '1',
        responseMessage: 'Success',
      });
      const replay = await verify({ transactionId: txn, otp: sms.otp });
      expect(replay.json).toEqual({
        responseCode: -150001,
        responseMessage: `Adapter Session Not Found session id : ${txn} event : CLIENT_ADAPTER_VERIFYOTP_REQUEST `,
      });
    });
    it('accepts the {"data": {...}} wrapper and accumulates the payee balance', async () => {
      await verify({ transactionId: await start(SUCCESS, 1), otp: otpFor(SUCCESS) });
      const txn = await start('2207654321', 285);
      const res = await verify({ data: { otp: otpFor('2207654321'), transactionId: txn } });
      expect(res.json.data.balanceData[0]).toMatchObject({ unusedValue: 28_600_000, availableBalance: '286.00' });
    });
    it('answers -150005 for wrong OTPs, never locks, then succeeds', async () => {
      const txn = await start();
      for (let i = 0; i < 20; i += 1) {
        const res = await verify({ transactionId: txn, otp: otpFor(SUCCESS) === '000000' ? '111111' : '000000' });
        expect(res.json).toEqual({ responseCode: '-150005', responseMessage: `Two factor OTP validation fail for transactionId : ${txn}` });
      }
      expect((await verify({ transactionId: txn })).json.responseCode).toBe('-150005');
      expect((await verify({ transactionId: txn, otp: otpFor(SUCCESS) })).json.responseCode).toBe('1');
    });
    it('answers -20002 (number, with the typo) without a transactionId', async () => {
      for (const body of [{}, { otp: '123456' }, '']) {
        const res = await verify(body);
        expect(res.json).toEqual({ responseCode: -20002, responseMessage: 'Mandatory parmater missing : transactionId' });
      }
    });
    it('answers -150001 for an unknown transaction', async () => {
      const res = await verify({ transactionId: 'txn_1', otp: '123456' });
      expect(res.json.responseMessage).toBe('Adapter Session Not Found session id : txn_1 event : CLIENT_ADAPTER_VERIFYOTP_REQUEST ');
    });
    it('answers "OTP expired" after qmoneyOtpTtlSeconds', async () => {
      h.ctx.options.qmoneyOtpTtlSeconds = 0;
      const txn = await start('2207111111');
      await sleep(5);
      expect((await verify({ transactionId: txn, otp: otpFor('2207111111') })).json).toEqual({
        responseCode: '-150005',
        responseMessage: `OTP expired for transactionId : ${txn}`,
      });
    });
    it('accepts garbage at getMoney like UAT, records it, and fails it at verifyCode', async () => {
      const res = await getMoney({ nonsense: true });
      expect(res.json.responseCode).toBe('1');
      expect(h.ledger().some((e) => e.kind === 'lax-accept')).toBe(true);
      const bad = await getMoney(getMoneyBody('not-a-number'));
      const txn = bad.json.data.transactionId as string;
      expect((await verify({ transactionId: txn, otp: otpFor('not-a-number') })).json).toEqual({
        responseCode: -150024,
        responseMessage: 'UserAccount not found from cache. UserIdentifier : not-a-number',
      });
    });
    it('keeps secrets out of the ledger', async () => {
      const txn = await start();
      await verify({ transactionId: txn, otp: otpFor(SUCCESS) });
      const ledger = JSON.stringify(h.ledger());
      for (const secret of ['sandbox-password', '"1234"', otpFor(SUCCESS), 'eyJ']) expect(ledger).not.toContain(secret);
    });
  });

  describe('magic numbers', () => {
    it('2207000001 is short of balance at verifyCode', async () => {
      const txn = await start('2207000001');
      expect((await verify({ transactionId: txn, otp: otpFor('2207000001') })).json).toEqual({
        data: { balanceData: [{}] },
        responseCode: '-120008',
        responseMessage: 'Balance not sufficient for PouchExId : EMONEY_POUCH , userIdentifier : 2207000001',
      });
    });
    it('2207000002 makes getMoney answer a Spring 500', async () => {
      const res = await getMoney(getMoneyBody('2207000002'));
      expect([res.status, res.json]).toEqual([500, { timestamp: expect.any(String), status: 500, error: 'Internal Server Error', path: '/getMoney' }]);
    });
    it('2207000003 is slow, then succeeds', async () => {
      const started = Date.now();
      const txn = await start('2207000003');
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
      expect((await verify({ transactionId: txn, otp: otpFor('2207000003') })).json.responseCode).toBe('1');
    });
    it('2207000004 expires the OTP after 1 s', async () => {
      const txn = await start('2207000004');
      await sleep(1100);
      expect((await verify({ transactionId: txn, otp: otpFor('2207000004') })).json.responseMessage).toBe(`OTP expired for transactionId : ${txn}`);
    });
  });

  it('answers unknown paths and methods like Spring', async () => {
    expect((await h.request('POST', '/nope', { headers: bearer, body: {} })).json).toMatchObject({ status: 404, error: 'Not Found', path: '/nope' });
    expect((await h.request('GET', '/login')).status).toBe(405);
  });
});

describe('Qmoney mounted in the real sandbox server', () => {
  it('logs in, sends the OTP to /_sandbox/sms and verifies it', async () => {
    const { startSandbox } = await import('../../sandbox/server');
    const sandbox = await startSandbox({ port: 0, simulators: [createQmoneySimulator] });
    try {
      const call = async (path: string, body: unknown, headers: Record<string, string>) =>
        (await fetch(`${sandbox.url}/qmoney${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })).json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw provider JSON under test
      const auth = { authorization: `Bearer ${(await call('/login', CREDENTIALS, BASIC)).data.access_token}` };
      const txn = (await call('/getMoney', getMoneyBody('2207222333', 2), auth)).data.transactionId;
      const { messages } = (await (await fetch(`${sandbox.url}/_sandbox/sms?msisdn=2207222333`)).json()) as { messages: { otp: string; text: string }[] };
      expect(messages[0]!.text).toBe(`Generated OTP : ${messages[0]!.otp}`);
      expect(await call('/verifyCode', { transactionId: txn, otp: messages[0]!.otp }, auth)).toMatchObject({ responseCode: '1' });
    } finally {
      await sandbox.close();
    }
  });
});
