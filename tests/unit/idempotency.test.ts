import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN, requestFingerprint } from '@/lib/api/idempotency-hash';

describe('idempotency request fingerprint', () => {
  const body = JSON.stringify({ provider: 'mpesa', amount: '100', nested: { b: 1, a: [2, 1] } });

  it('ignores key order and whitespace', () => {
    const same = '{ "nested": {"a":[2,1], "b":1}, "amount": "100",\n "provider": "mpesa" }';
    expect(requestFingerprint('POST', '/api/v1/payments', same)).toBe(requestFingerprint('post', '/api/v1/payments', body));
  });

  it('changes with any value, type, array order, method or path', () => {
    const base = requestFingerprint('POST', '/api/v1/payments', body);
    expect(requestFingerprint('POST', '/api/v1/payments', body.replace('"100"', '"101"'))).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/payments', body.replace('"100"', '100'))).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/payments', body.replace('[2,1]', '[1,2]'))).not.toBe(base);
    expect(requestFingerprint('PUT', '/api/v1/payments', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/payments/x/retry', body)).not.toBe(base);
  });

  it('is a sha-256 hex digest, also for an empty or non-JSON body', () => {
    expect(requestFingerprint('POST', '/p', '')).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('POST', '/p', 'not json')).not.toBe(requestFingerprint('POST', '/p', 'not json!'));
  });

  it('accepts UUIDs and printable keys only', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('3f0c6d7e-1b2a-4c3d-9e8f-0a1b2c3d4e5f')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('order-42:attempt-1')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('has space')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('x'.repeat(256))).toBe(false);
  });
});
