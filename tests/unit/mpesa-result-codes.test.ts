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

  it('never turns a code it does not know into a verdict: processing, marked unknown', () => {
    const unknown = describeResultCode('424242');
    expect(unknown).toMatchObject({ status: 'processing', known: false });
    expect(unknown.shopper).toMatch(/do not pay again/i);
    expect(describeResultCode(424242)).toEqual(unknown);
    expect(describeResultCode('')).toEqual(unknown);
  });

  it('reads 4999 ("still under processing") as documented and not final', () => {
    expect(describeResultCode('4999')).toMatchObject({ status: 'processing', known: true });
  });

  it('knows every final code providers.md documents', () => {
    expect(describeResultCode('SFC_IC0003').status).toBe('failed');
    expect(describeResultCode('2028').status).toBe('failed');
    expect(describeResultCode('1031').status).toBe('cancelled');
  });

  it('is not fooled by codes that are Object.prototype property names', () => {
    for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const info = describeResultCode(code);
      expect(info).toMatchObject({ status: 'processing', known: false });
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
