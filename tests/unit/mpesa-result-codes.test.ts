import { describe, it, expect } from 'vitest';
import { describeResultCode } from '@/lib/providers/mpesa/result-codes';

describe('describeResultCode', () => {
  it.each([
    ['0', 'success'],
    ['1', 'failed'],
    ['1032', 'cancelled'],
    ['1037', 'failed'],
    ['1019', 'expired'],
    ['2001', 'failed'],
    ['1001', 'failed'],
  ])('maps %s to %s', (code, status) => {
    expect(describeResultCode(code).status).toBe(status);
  });

  it('treats numbers and strings (even padded) alike', () => {
    for (const code of [0, 1, 1032, 1037, 1019, 2001, 1001]) {
      expect(describeResultCode(code)).toEqual(describeResultCode(String(code)));
      expect(describeResultCode(` ${code} `)).toEqual(describeResultCode(code));
    }
  });

  it('falls back to a generic failure for unknown codes', () => {
    const generic = describeResultCode('424242');
    expect(generic.status).toBe('failed');
    expect(generic.shopper).toMatch(/could not complete/i);
    expect(describeResultCode(424242)).toEqual(generic);
    expect(describeResultCode('SFC_IC0003')).toEqual(generic);
    expect(describeResultCode('')).toEqual(generic);
  });

  it('is not fooled by codes that are Object.prototype property names', () => {
    for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const info = describeResultCode(code);
      expect(info.status).toBe('failed');
      expect(typeof info.shopper).toBe('string');
    }
  });

  it('gives the shopper non-empty, distinct copy for the common codes', () => {
    const codes = ['0', '1', '1032', '1037', '1019', '2001', '1001', 'unknown-code'];
    const copy = codes.map((c) => describeResultCode(c).shopper);
    for (const text of copy) expect(text.trim().length).toBeGreaterThan(10);
    expect(new Set(copy).size).toBe(codes.length);
    expect(describeResultCode('1032').shopper).toMatch(/cancel/i);
    expect(describeResultCode('1019').shopper).toMatch(/expired/i);
    expect(describeResultCode('1').shopper).toMatch(/balance/i);
    expect(describeResultCode('2001').shopper).toMatch(/PIN/);
  });
});
