import { describe, it, expect } from 'vitest';
import { parseStkCallback } from '@/lib/providers/mpesa/callback';
import { providerAmountToMinor } from '@/lib/payments/money';

// providers.md §1.4, verbatim (Amount 1.00 becomes 1 after JSON.parse).
const SUCCESS_TEXT = `{"Body":{"stkCallback":{
  "MerchantRequestID":"29115-34620561-1",
  "CheckoutRequestID":"ws_CO_191220191020363925",
  "ResultCode":0,
  "ResultDesc":"The service request is processed successfully.",
  "CallbackMetadata":{"Item":[
    {"Name":"Amount","Value":1.00},
    {"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},
    {"Name":"TransactionDate","Value":20191219102115},
    {"Name":"PhoneNumber","Value":254708374149}]}}}}`;

const FAILURE_TEXT =
  '{"Body":{"stkCallback":{"MerchantRequestID":"f1e2-4b95-a71d-b30d3cdbb7a7942864","CheckoutRequestID":"ws_CO_21072024125243250722943992","ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}';

const success = () => JSON.parse(SUCCESS_TEXT) as { Body: { stkCallback: Record<string, unknown> } };

describe('parseStkCallback', () => {
  it('parses the official success sample', () => {
    const parsed = parseStkCallback(JSON.parse(SUCCESS_TEXT));
    expect(parsed).not.toBeNull();
    expect(parsed!.checkoutRequestId).toBe('ws_CO_191220191020363925');
    expect(parsed!.merchantRequestId).toBe('29115-34620561-1');
    expect(parsed!.resultCode).toBe('0');
    expect(parsed!.amount).toBe(1);
    expect(providerAmountToMinor(parsed!.amount!, 'KES')).toBe(100);
    expect(parsed!.phoneNumber).toBe('254708374149');
    expect(parsed!.outcome).toMatchObject({
      status: 'success',
      code: '0',
      providerStatus: '0',
      message: 'The service request is processed successfully.',
      receipt: 'NLJ7RT61SV',
      providerTransactionId: 'NLJ7RT61SV',
    });
  });

  it('parses the official cancel sample (1032, no CallbackMetadata)', () => {
    const parsed = parseStkCallback(JSON.parse(FAILURE_TEXT));
    expect(parsed).not.toBeNull();
    expect(parsed!.checkoutRequestId).toBe('ws_CO_21072024125243250722943992');
    expect(parsed!.resultCode).toBe('1032');
    expect(parsed!.outcome.status).toBe('cancelled');
    expect(parsed!.outcome.message).toBe('Request cancelled by user');
    expect(parsed!.outcome.receipt).toBeUndefined();
    expect(parsed!.outcome.providerTransactionId).toBeUndefined();
    expect(parsed!.amount).toBeUndefined();
    expect(parsed!.phoneNumber).toBeUndefined();
  });

  it('accepts ResultCode as a string', () => {
    const body = success();
    body.Body.stkCallback.ResultCode = '0';
    const parsed = parseStkCallback(body);
    expect(parsed?.resultCode).toBe('0');
    expect(parsed?.outcome.status).toBe('success');

    const cancelled = JSON.parse(FAILURE_TEXT);
    cancelled.Body.stkCallback.ResultCode = ' 1032 ';
    expect(parseStkCallback(cancelled)?.outcome.status).toBe('cancelled');
  });

  it('maps other result codes to their statuses', () => {
    for (const [code, status] of [
      [1, 'failed'],
      [1019, 'expired'],
      [1037, 'failed'],
      [2001, 'failed'],
      [424242, 'processing'],
    ] as const) {
      const body = JSON.parse(FAILURE_TEXT);
      body.Body.stkCallback.ResultCode = code;
      expect(parseStkCallback(body)?.outcome.status).toBe(status);
    }
  });

  it('keeps a string Amount as sent', () => {
    const body = success();
    (body.Body.stkCallback.CallbackMetadata as { Item: { Name: string; Value: unknown }[] }).Item[0]!.Value = '5.00';
    const parsed = parseStkCallback(body);
    expect(parsed?.amount).toBe('5.00');
    expect(providerAmountToMinor(parsed!.amount!, 'KES')).toBe(500);
  });

  it('tolerates metadata items in any order and missing values', () => {
    const body = success();
    body.Body.stkCallback.CallbackMetadata = {
      Item: [
        { Name: 'PhoneNumber', Value: '254712345678' },
        { Name: 'Balance' },
        { Name: 'MpesaReceiptNumber', Value: 'ABC123XYZ' },
        { Name: 'Amount', Value: 250 },
      ],
    };
    const parsed = parseStkCallback(body);
    expect(parsed?.amount).toBe(250);
    expect(parsed?.phoneNumber).toBe('254712345678');
    expect(parsed?.outcome.receipt).toBe('ABC123XYZ');
  });

  it('defaults a missing ResultDesc to an empty message', () => {
    const body = JSON.parse(FAILURE_TEXT);
    delete body.Body.stkCallback.ResultDesc;
    expect(parseStkCallback(body)?.outcome.message).toBe('');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', SUCCESS_TEXT],
    ['a number', 42],
    ['an array', [JSON.parse(SUCCESS_TEXT)]],
    ['an empty object', {}],
    ['Body without stkCallback', { Body: {} }],
    ['stkCallback at the top level', JSON.parse(SUCCESS_TEXT).Body],
    ['missing CheckoutRequestID', { Body: { stkCallback: { MerchantRequestID: 'm', ResultCode: 0 } } }],
    ['empty CheckoutRequestID', { Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: '', ResultCode: 0 } } }],
    ['missing ResultCode', { Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'ws_CO_1' } } }],
    ['ResultCode null', { Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'ws_CO_1', ResultCode: null } } }],
    ['ResultCode an object', { Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'ws_CO_1', ResultCode: {} } } }],
    ['CheckoutRequestID a number', { Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 123, ResultCode: 0 } } }],
    [
      'CallbackMetadata.Item not an array',
      { Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'ws_CO_1', ResultCode: 0, CallbackMetadata: { Item: {} } } } },
    ],
    [
      'metadata value an object',
      {
        Body: {
          stkCallback: {
            MerchantRequestID: 'm',
            CheckoutRequestID: 'ws_CO_1',
            ResultCode: 0,
            CallbackMetadata: { Item: [{ Name: 'Amount', Value: { x: 1 } }] },
          },
        },
      },
    ],
  ])('returns null for a malformed body: %s', (_label, body) => {
    expect(parseStkCallback(body)).toBeNull();
  });
});

describe('parseStkCallback with hostile ResultCode values', () => {
  it('treats a ResultCode named like an Object.prototype property as unknown, not a verdict', () => {
    const body = JSON.parse(FAILURE_TEXT);
    body.Body.stkCallback.ResultCode = 'constructor';
    const parsed = parseStkCallback(body);
    expect(parsed?.resultCode).toBe('constructor');
    expect(parsed?.outcome).toMatchObject({ status: 'processing', unknownCode: true });
  });
});
