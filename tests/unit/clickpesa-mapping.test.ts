import { describe, expect, it } from 'vitest';
import { outcomeFromRecord } from '@/lib/providers/clickpesa/outcome';
import { orderReferenceFor, paymentIdForOrderReference } from '@/lib/providers/clickpesa/references';
import { clickPesaShopperMessage, failureCodeFor, mapClickPesaStatus } from '@/lib/providers/clickpesa/statuses';
import { checkWebhookSignature, parseClickPesaWebhook } from '@/lib/providers/clickpesa/webhook-payload';
import { networkOf, unsupportedNumber } from '@/lib/providers/clickpesa/network';
import { withChecksum } from '@/lib/providers/clickpesa/checksum';
import { jwtExpiry } from '@/lib/providers/clickpesa/auth';

describe('ClickPesa statuses and outcomes', () => {
  it.each([
    ['SUCCESS', 'success'],
    ['SETTLED', 'success'],
    ['PROCESSING', 'processing'],
    ['PENDING', 'processing'],
    ['ON-HOLD', 'processing'],
    ['FAILED', 'failed'],
    ['failed', 'failed'],
    ['REVERSED?', 'processing'],
    ['constructor', 'processing'],
  ])('%s → %s', (status, ours) => expect(mapClickPesaStatus(status)).toBe(ours));

  it('reads the collected amount as a string or a number, and flags another currency', () => {
    expect(outcomeFromRecord({ status: 'SUCCESS', collectedAmount: '10000', collectedCurrency: 'TZS' }).amountMinor).toBe(1_000_000);
    expect(outcomeFromRecord({ status: 'SUCCESS', collectedAmount: 10000, collectedCurrency: 'TZS' }).amountMinor).toBe(1_000_000);
    expect(outcomeFromRecord({ status: 'SUCCESS', collectedAmount: '10000', collectedCurrency: 'KES' }).amountMinor).toBe(-1);
    expect(outcomeFromRecord({ status: 'SUCCESS' }).amountMinor).toBeUndefined();
    expect(outcomeFromRecord({ status: 'SUCCESS', id: 'ORD1LCP1', paymentReference: 'abc' })).toMatchObject({ providerTransactionId: 'ORD1LCP1', receipt: 'abc', providerStatus: 'SUCCESS' });
  });

  it('words failures for the shopper from the message, never changing the status', () => {
    expect(failureCodeFor('Insufficient balance')).toBe('insufficient_balance');
    expect(failureCodeFor('Transaction rejected by customer')).toBe('rejected_by_customer');
    expect(failureCodeFor('No response from customer')).toBe('no_response');
    expect(failureCodeFor('Something else')).toBe('failed');
    expect(outcomeFromRecord({ status: 'FAILED', message: 'Insufficient balance' })).toMatchObject({ status: 'failed', code: 'insufficient_balance' });
    expect(clickPesaShopperMessage({ status: 'failed', code: 'no_response' })).toContain('timed out');
    expect(clickPesaShopperMessage({ status: 'failed', code: 'toString' })).toContain('ClickPesa could not complete');
  });
});

describe('ClickPesa webhooks', () => {
  it('reads both generations and both event keys', () => {
    const current = parseClickPesaWebhook({ event: 'PAYMENT RECEIVED', data: { id: 'A1', status: 'SUCCESS', orderReference: 'R1', collectedAmount: '5', collectedCurrency: 'TZS', paymentReference: 'p' } });
    expect(current?.record).toMatchObject({ status: 'SUCCESS', id: 'A1', collectedAmount: '5', collectedCurrency: 'TZS' });
    const older = parseClickPesaWebhook({ eventType: 'PAYMENT RECEIVED', data: { paymentId: 'B2', orderReference: 'R2', amount: 7, currency: 'TZS' } });
    expect(older?.record).toMatchObject({ status: 'SUCCESS', id: 'B2', collectedAmount: 7, collectedCurrency: 'TZS' });
    const failed = parseClickPesaWebhook({ eventType: 'PAYMENT FAILED', data: { orderReference: 'R3', message: 'Insufficient balance' } });
    expect(failed?.record?.status).toBe('FAILED');
    expect(parseClickPesaWebhook({ event: 'PAYOUT INITIATED', data: { orderReference: 'R4' } })?.record).toBeNull();
    expect(parseClickPesaWebhook({ event: 'PAYMENT RECEIVED' })).toBeNull();
  });

  it('finds the checksum at the top level or inside data', () => {
    const body = { event: 'PAYMENT RECEIVED', data: { orderReference: 'R1', status: 'SUCCESS' } };
    expect(checkWebhookSignature(withChecksum(body, 'k'), 'k')).toMatchObject({ ok: true, location: 'body' });
    expect(checkWebhookSignature({ ...body, data: withChecksum(body.data, 'k') }, 'k')).toMatchObject({ ok: true, location: 'data' });
    expect(checkWebhookSignature(body, 'k')).toEqual({ ok: false, reason: 'checksum missing' });
    expect(checkWebhookSignature(withChecksum(body, 'other'), 'k')).toEqual({ ok: false, reason: 'checksum does not match' });
  });

  it('takes the checksum from the X-ClickPesa-Signature header too: every checksum given must verify', () => {
    const body = { event: 'PAYMENT RECEIVED', data: { orderReference: 'R1', status: 'SUCCESS' } };
    const header = withChecksum(body, 'k').checksum;
    const wrong = withChecksum(body, 'other').checksum;
    // The header signs the whole body (without checksum fields), as a top-level body checksum does.
    expect(checkWebhookSignature(body, 'k', header)).toMatchObject({ ok: true, location: 'header', method: 'canonical' });
    expect(checkWebhookSignature(body, 'k', header.toUpperCase())).toMatchObject({ ok: true, location: 'header' });
    expect(checkWebhookSignature(withChecksum(body, 'k'), 'k', header)).toMatchObject({ ok: true, location: 'header' });
    // A wrong checksum in either place is not verified, whatever the other says.
    expect(checkWebhookSignature(body, 'k', wrong)).toEqual({ ok: false, reason: 'checksum does not match' });
    expect(checkWebhookSignature(withChecksum(body, 'k'), 'k', wrong)).toEqual({ ok: false, reason: 'checksum does not match' });
    expect(checkWebhookSignature(withChecksum(body, 'other'), 'k', header)).toEqual({ ok: false, reason: 'checksum does not match' });
    expect(checkWebhookSignature({ ...body, data: withChecksum(body.data, 'other') }, 'k', header)).toEqual({ ok: false, reason: 'checksum does not match' });
    // An empty header is no checksum at all.
    expect(checkWebhookSignature(body, 'k', '')).toEqual({ ok: false, reason: 'checksum missing' });
    expect(checkWebhookSignature(body, 'k', null)).toEqual({ ok: false, reason: 'checksum missing' });
  });
});

describe('ClickPesa references, networks and tokens', () => {
  it('maps a payment id to an alphanumeric orderReference and back', () => {
    const id = 'pay_0a1b2c3d4e5f6g7h8j9k';
    expect(orderReferenceFor(id)).toBe('pay0a1b2c3d4e5f6g7h8j9k');
    expect(paymentIdForOrderReference(orderReferenceFor(id))).toBe(id);
    expect(paymentIdForOrderReference('ORD123')).toBeNull();
  });

  it('names networks as ClickPesa does and refuses TTCL', () => {
    expect(networkOf('255754123456')?.channel).toBe('M-PESA');
    expect(networkOf('255684123456')?.channel).toBe('AIRTEL-MONEY');
    expect(networkOf('255712345678')?.label).toContain('Mixx');
    expect(networkOf('255621234567')?.channel).toBe('HALOPESA');
    expect(unsupportedNumber('255732123456')).toContain('Halopesa');
    expect(unsupportedNumber('255700000000')).toBeNull();
  });

  it('reads the JWT exp for the token cache', () => {
    const claims = Buffer.from(JSON.stringify({ exp: 2_000_000_000 })).toString('base64url');
    expect(jwtExpiry(`Bearer h.${claims}.s`)).toBe(2_000_000_000_000);
    expect(jwtExpiry('Bearer opaque')).toBeNull();
  });
});
