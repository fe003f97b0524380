import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inquiryAllowed, nextInquiryAt } from '@/lib/providers/ottu/inquiry-throttle';
import { refuseOttuOperation } from '@/lib/providers/ottu/operation-rules';
import { calculateSignature, calculateSubscriptionSignature, verifyOttuSignature } from '@/lib/providers/ottu/signature';
import { mapOttuState } from '@/lib/providers/ottu/states';

describe('Ottu webhook signature (ottu-py verify_signature)', () => {
  it('matches the published docs vector (18-field form)', () => {
    const payload = { amount: '86.000', currency_code: 'KWD', customer_first_name: 'example-customer' };
    expect(calculateSignature(payload, 'pu9MpX3yPR')).toBe('6143b8ad4bd283540721ab000f6de746e722231aaaa90bc38f639081d3ff9f67');
    expect(verifyOttuSignature({ ...payload, signature: '6143b8ad4bd283540721ab000f6de746e722231aaaa90bc38f639081d3ff9f67' }, 'pu9MpX3yPR')).toBe(true);
  });
  it('matches the ottu-py golden subscription vector (26-field form)', () => {
    const payload = { amount: '100.000', result: 'success', session_id: 'sess-1', token: { token: 'tok-1' }, customer_email: '' };
    const expected = '46ba93a62680c8750567583bb8074e37ccaadc6f374268b78a0c574c8424baff';
    expect(calculateSubscriptionSignature(payload, 'test-key')).toBe(expected);
    expect(verifyOttuSignature({ ...payload, signature: expected }, 'test-key')).toBe(true);
  });
  it('signs "0" and sorts keys, skipping null and empty', () => {
    const payload = { state: 'paid', amount: '0', order_no: null, reference_number: '' };
    const want = createHmac('sha256', 'k').update('amount0statepaid').digest('hex');
    expect(calculateSignature(payload, 'k')).toBe(want);
  });
  it('refuses forged, tampered and unsigned payloads', () => {
    const payload = { amount: '86.000', currency_code: 'KWD', customer_first_name: 'example-customer' };
    const good = calculateSignature(payload, 'pu9MpX3yPR');
    expect(verifyOttuSignature({ ...payload, amount: '87.000', signature: good }, 'pu9MpX3yPR')).toBe(false);
    expect(verifyOttuSignature({ ...payload, signature: good }, 'other-key')).toBe(false);
    expect(verifyOttuSignature(payload, 'pu9MpX3yPR')).toBe(false);
  });
});

describe('Ottu states', () => {
  it('maps documented final states and leaves the rest processing', () => {
    expect(mapOttuState('paid')).toBe('success');
    expect(mapOttuState('authorized')).toBe('success');
    expect(mapOttuState('failed')).toBe('failed');
    expect(mapOttuState('canceled')).toBe('cancelled');
    expect(mapOttuState('expired')).toBe('expired');
    expect(mapOttuState('attempted')).toBe('processing');
    expect(mapOttuState('refund_queued')).toBe('processing');
    expect(mapOttuState('something_new')).toBe('processing');
    expect(mapOttuState(undefined)).toBe('processing');
  });
});

describe('Ottu operation rules', () => {
  it('allows only the documented states', () => {
    expect(refuseOttuOperation('refund', { state: 'paid' })).toBeNull();
    expect(refuseOttuOperation('refund', { state: 'attempted' })).toMatch(/refund needs state paid/);
    expect(refuseOttuOperation('capture', { state: 'authorized' })).toBeNull();
    expect(refuseOttuOperation('capture', { state: 'paid' })).toMatch(/capture needs/);
    expect(refuseOttuOperation('cancel', { state: 'cod' })).toBeNull();
    expect(refuseOttuOperation('expire', { state: 'cod' })).toMatch(/expire needs/);
    expect(refuseOttuOperation('void', { state: 'authorized' })).toBeNull();
  });
  it('refuses a void after any capture, and allows a refund of a captured authorization', () => {
    expect(refuseOttuOperation('void', { state: 'authorized', capturedMinor: 1 })).toMatch(/capture has occurred/);
    expect(refuseOttuOperation('refund', { state: 'authorized', capturedMinor: 5000 })).toBeNull();
  });
});

describe('Ottu inquiry throttling', () => {
  const created = new Date('2026-01-01T00:00:00Z');
  const at = (min: number) => new Date(created.getTime() + min * 60_000);
  it('waits 10 minutes after creation', () => {
    expect(inquiryAllowed(created, [], at(9))).toBe(false);
    expect(inquiryAllowed(created, [], at(10))).toBe(true);
  });
  it('spaces calls 30 minutes apart and allows 3 a day', () => {
    expect(inquiryAllowed(created, [at(10)], at(39))).toBe(false);
    expect(inquiryAllowed(created, [at(10)], at(40))).toBe(true);
    const three = [at(10), at(40), at(70)];
    expect(nextInquiryAt(created, three)).toEqual(at(10 + 24 * 60));
    expect(inquiryAllowed(created, three, at(200))).toBe(false);
  });
});

describe('Ottu webhook parser', () => {
  it('returns what a signed payment webhook says and refuses an unsigned one', async () => {
    const { parseOttuWebhook } = await import('@/lib/providers/ottu/webhook');
    const body = { amount: '10.000', currency_code: 'KWD', order_no: 'ORD-1', session_id: 's1', state: 'paid', result: 'success' };
    const signed = { ...body, signature: calculateSignature(body, 'hmac-key') };
    expect(parseOttuWebhook(signed, 'hmac-key')).toMatchObject({ kind: 'payment', sessionId: 's1', outcome: 'success', amount: '10.000' });
    expect(parseOttuWebhook(body, 'hmac-key')).toEqual({ kind: 'unverified' });
    expect(parseOttuWebhook([], 'hmac-key')).toEqual({ kind: 'malformed' });
  });
});
