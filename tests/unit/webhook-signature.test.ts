import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryDelaySeconds, shouldGiveUp, GIVE_UP_AFTER_SECONDS } from '@/lib/webhooks/backoff';
import { computeSignature, signWebhook, verifyMalipoSignature } from '@/lib/webhooks/signature';

const SECRET = 'whsec_unit_test_secret_0123456789abcdef';
const BODY = '{"event":"payment.success","data":{"id":"pay_x"}}';

describe('Malipo-Signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const expected = createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, BODY, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
    expect(computeSignature(SECRET, 1_700_000_000, BODY)).toBe(expected);
  });

  it('verifies on the raw body within the tolerance', () => {
    const header = signWebhook(SECRET, BODY, 1_700_000_000);
    expect(verifyMalipoSignature({ rawBody: BODY, header, secret: SECRET, now: 1_700_000_100 })).toEqual({ ok: true, timestamp: 1_700_000_000 });
  });

  it('refuses a changed body, a wrong secret, an old timestamp, a missing or malformed header', () => {
    const header = signWebhook(SECRET, BODY, 1_700_000_000);
    const now = 1_700_000_010;
    expect(verifyMalipoSignature({ rawBody: BODY.replace('success', 'failed'), header, secret: SECRET, now })).toEqual({ ok: false, reason: 'mismatch' });
    // Re-serialising the parsed body is not the raw body (whitespace), so it fails too.
    expect(verifyMalipoSignature({ rawBody: JSON.stringify(JSON.parse(BODY), null, 1), header, secret: SECRET, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyMalipoSignature({ rawBody: BODY, header, secret: 'other', now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyMalipoSignature({ rawBody: BODY, header, secret: SECRET, now: 1_700_000_301 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyMalipoSignature({ rawBody: BODY, header: null, secret: SECRET, now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyMalipoSignature({ rawBody: BODY, header: 't=abc,v1=zz', secret: SECRET, now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts any of several v1 values (secret rotation)', () => {
    const good = signWebhook(SECRET, BODY, 1_700_000_000).split('v1=')[1];
    const header = `t=1700000000,v1=${'0'.repeat(64)},v1=${good}`;
    expect(verifyMalipoSignature({ rawBody: BODY, header, secret: SECRET, now: 1_700_000_000 }).ok).toBe(true);
  });
});

describe('webhook retry schedule', () => {
  it('doubles from 30 s, caps at 6 h, and keeps trying for 3 days (well over 24 h)', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 30, mid))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(20, 30, mid)).toBe(6 * 3600);
    expect(retryDelaySeconds(2, 30, () => 0)).toBeCloseTo(54);
    expect(retryDelaySeconds(2, 30, () => 1)).toBeCloseTo(66);
    let elapsed = 0;
    let attempts = 0;
    while (!shouldGiveUp(elapsed)) elapsed += retryDelaySeconds(++attempts, 30, mid);
    expect(GIVE_UP_AFTER_SECONDS).toBeGreaterThanOrEqual(24 * 3600);
    expect(attempts).toBeGreaterThan(15);
  });
});
