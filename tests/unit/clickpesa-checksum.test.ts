import { describe, expect, it } from 'vitest';
import { canonicalMessage, computeChecksum, legacyApplies, legacyMessage, verifyChecksum, withChecksum } from '@/lib/providers/clickpesa/checksum';
import { checkWebhookSignature, parseClickPesaWebhook } from '@/lib/providers/clickpesa/webhook-payload';

// providers.md §2.6 test vectors (key "secret-key").
const KEY = 'secret-key';
const SMALL = { amount: 100, currency: 'USD', reference: 'TX123' };

describe('ClickPesa checksum', () => {
  it('legacy: top-level values in key order, no separators', () => {
    expect(legacyMessage(SMALL)).toBe('100USDTX123');
    expect(computeChecksum(SMALL, KEY, 'legacy')).toBe('85b65bf2670dcdcb8ebb8d19939e4fd59b02d5218741be2eaf9f575273b101d1');
  });

  it('canonical: compact JSON with keys sorted at every level', () => {
    expect(canonicalMessage(SMALL)).toBe('{"amount":100,"currency":"USD","reference":"TX123"}');
    expect(computeChecksum(SMALL, KEY)).toBe('17c51f37dad20682e08cd556446c7f8e99840f4040b6719712f41f7549287f33');
    const push = { phoneNumber: '255712345678', orderReference: 'ORD123', currency: 'TZS', amount: '1000' };
    expect(computeChecksum(push, KEY)).toBe('99fd7367f82d4af014dbd4371f5cb4957c17b737540aaab238ed1fe44caf1b6c');
    expect(canonicalMessage({ b: { d: [{ z: 1, a: 2 }], c: null }, a: true })).toBe('{"a":true,"b":{"c":null,"d":[{"a":2,"z":1}]}}');
  });

  it('keeps JSON types: "1000" and 1000 sign differently', () => {
    expect(computeChecksum({ amount: '1000' }, KEY)).not.toBe(computeChecksum({ amount: 1000 }, KEY));
  });

  it('ignores its own checksum and checksumMethod fields', () => {
    const signed = withChecksum(SMALL, KEY);
    expect(signed).toMatchObject({ checksumMethod: 'canonical', checksum: '17c51f37dad20682e08cd556446c7f8e99840f4040b6719712f41f7549287f33' });
    expect(verifyChecksum(signed, KEY)).toBe('canonical');
  });

  it('accepts either generation, upper-case hex too; refuses a wrong key, a changed value, or no checksum', () => {
    const legacy = { ...SMALL, checksum: '85B65BF2670DCDCB8EBB8D19939E4FD59B02D5218741BE2EAF9F575273B101D1' };
    expect(verifyChecksum(legacy, KEY)).toBe('legacy');
    expect(verifyChecksum(withChecksum(SMALL, KEY), 'other-key')).toBeNull();
    expect(verifyChecksum({ ...withChecksum(SMALL, KEY), amount: 101 }, KEY)).toBeNull();
    expect(verifyChecksum(SMALL, KEY)).toBeNull();
    expect(verifyChecksum({ ...SMALL, checksum: 'short' }, KEY)).toBeNull();
  });

  it('refuses a legacy checksum over a nested payload: "[object Object]" signs nothing in it', () => {
    const leaked = { event: 'PAYMENT RECEIVED', data: { orderReference: 'A1', status: 'FAILED' } };
    const checksum = computeChecksum(leaked, KEY, 'legacy');
    expect(legacyApplies(leaked)).toBe(false);
    expect(verifyChecksum({ ...leaked, checksum }, KEY)).toBeNull();
    // The same checksum must not verify a body whose data says something else entirely.
    const forged = { event: 'PAYMENT RECEIVED', data: { orderReference: 'B2', status: 'SUCCESS' }, checksum };
    expect(verifyChecksum(forged, KEY)).toBeNull();
    expect(checkWebhookSignature(forged, KEY)).toEqual({ ok: false, reason: 'checksum does not match' });
    expect(verifyChecksum({ list: [1, 2], checksum: computeChecksum({ list: [1, 2] }, KEY, 'legacy') }, KEY)).toBeNull();
    // Flat payloads (null included) keep the legacy generation; canonical still signs nested ones.
    expect(legacyApplies({ a: null, b: 1, c: 'x' })).toBe(true);
    expect(verifyChecksum(withChecksum(leaked, KEY), KEY)).toBe('canonical');
  });

  it('says when a webhook status came from the event name rather than data.status', () => {
    const data = { orderReference: 'A1', collectedAmount: '100' };
    expect(parseClickPesaWebhook({ event: 'PAYMENT RECEIVED', data })).toMatchObject({ statusFromEvent: true, record: { status: 'SUCCESS' } });
    expect(parseClickPesaWebhook({ event: 'PAYMENT RECEIVED', data: { ...data, status: 'FAILED' } })).toMatchObject({ statusFromEvent: false, record: { status: 'FAILED' } });
  });
});
