import { describe, it, expect } from 'vitest';
import {
  CURRENCIES,
  MoneyError,
  exponentOf,
  formatMoney,
  isWholeMajor,
  parseAmount,
  providerAmountToMinor,
  toDecimalString,
  toWholeMajor,
  type Currency,
} from '@/lib/payments/money';

const TWO_DECIMAL: Currency[] = ['KES', 'TZS', 'USD', 'ZWG', 'GMD', 'SAR', 'AED'];
const THREE_DECIMAL: Currency[] = ['KWD', 'BHD', 'OMR'];

describe('exponents', () => {
  it('uses 2 decimals for KES/TZS/USD/ZWG/GMD/SAR/AED and 3 for KWD/BHD/OMR', () => {
    for (const c of TWO_DECIMAL) expect(exponentOf(c)).toBe(2);
    for (const c of THREE_DECIMAL) expect(exponentOf(c)).toBe(3);
    expect(Object.keys(CURRENCIES).sort()).toEqual(['AED', 'BHD', 'GMD', 'KES', 'KWD', 'OMR', 'SAR', 'TZS', 'USD', 'ZWG']);
  });
});

describe('parseAmount', () => {
  it.each(TWO_DECIMAL)('parses whole, one- and two-decimal amounts in %s', (currency) => {
    expect(parseAmount('1000', currency)).toBe(100000);
    expect(parseAmount('1000.5', currency)).toBe(100050);
    expect(parseAmount('1000.50', currency)).toBe(100050);
    expect(parseAmount('0.01', currency)).toBe(1);
    expect(parseAmount('0', currency)).toBe(0);
  });

  it.each(THREE_DECIMAL)('parses %s with three decimals and refuses a fourth', (currency) => {
    expect(parseAmount('12.5', currency)).toBe(12500);
    expect(parseAmount('0.001', currency)).toBe(1);
    expect(toDecimalString(12500, currency)).toBe('12.500');
    expect(() => parseAmount('1.0001', currency)).toThrow(MoneyError);
  });

  it('parses KWD with three decimals', () => {
    expect(parseAmount('0.001', 'KWD')).toBe(1);
    expect(parseAmount('1000', 'KWD')).toBe(1000000);
    expect(parseAmount('1000.5', 'KWD')).toBe(1000500);
    expect(parseAmount('1000.50', 'KWD')).toBe(1000500);
    expect(parseAmount('86.125', 'KWD')).toBe(86125);
  });

  it('refuses more decimals than the currency has instead of rounding', () => {
    expect(() => parseAmount('10.005', 'KES')).toThrow(MoneyError);
    expect(() => parseAmount('10.005', 'KES')).toThrow('KES allows at most 2 decimal places');
    expect(() => parseAmount('0.001', 'USD')).toThrow(/at most 2 decimal/);
    expect(() => parseAmount('10.100', 'TZS')).toThrow(MoneyError); // trailing zero still counts
    expect(() => parseAmount('0.0001', 'KWD')).toThrow('KWD allows at most 3 decimal places');
  });

  it.each([
    ['-5'],
    ['-0.01'],
    ['abc'],
    ['12abc'],
    ['1e3'],
    ['1E3'],
    [''],
    ['   '],
    ['.5'],
    ['5.'],
    ['1,000'],
    ['1 000'],
    ['+5'],
    ['0x10'],
    ['Infinity'],
    ['NaN'],
    ['1.2.3'],
  ])('rejects %j as not a positive decimal', (input) => {
    expect(() => parseAmount(input, 'KES')).toThrow(MoneyError);
    expect(() => parseAmount(input, 'KES')).toThrow(/positive decimal number/);
  });

  it('trims surrounding whitespace (" 12 " is 12)', () => {
    expect(parseAmount(' 12 ', 'KES')).toBe(1200);
    expect(parseAmount('\t12.50\n', 'USD')).toBe(1250);
  });

  it('avoids the float trap: parses digit by digit, exactly', () => {
    // 19.99 * 100 === 1998.9999999999998 in floating point
    expect(19.99 * 100).not.toBe(1999);
    expect(parseAmount('19.99', 'KES')).toBe(1999);
    expect(parseAmount('0.29', 'USD')).toBe(29); // 0.29 * 100 === 28.999999999999996
    expect(parseAmount('1.005', 'KWD')).toBe(1005); // 1.005 * 1000 === 1004.9999999999999
    expect(parseAmount('0.1', 'KES') + parseAmount('0.2', 'KES')).toBe(parseAmount('0.3', 'KES'));
    for (let cents = 0; cents < 10000; cents += 1) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      if (parseAmount(text, 'KES') !== cents) throw new Error(`${text} parsed wrongly`);
    }
  });

  it('keeps large values exact up to MAX_SAFE_INTEGER and refuses beyond', () => {
    expect(parseAmount('90071992547409.91', 'KES')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseAmount('90071992547409.92', 'KES')).toThrow('is too large');
    expect(() => parseAmount('999999999999999', 'KES')).toThrow(MoneyError);
    expect(() => parseAmount('9007199254740.992', 'KWD')).toThrow('is too large');
    expect(parseAmount('123456789012.34', 'USD')).toBe(12345678901234);
  });

  it('refuses absurdly long inputs', () => {
    expect(() => parseAmount('1'.repeat(16), 'KES')).toThrow(MoneyError);
    expect(() => parseAmount('9'.repeat(400), 'KES')).toThrow(MoneyError);
  });

  it('accepts leading zeros', () => {
    expect(parseAmount('007.50', 'KES')).toBe(750);
  });
});

describe('toDecimalString', () => {
  it('renders minor units as a plain decimal with the currency exponent', () => {
    expect(toDecimalString(100000, 'KES')).toBe('1000.00');
    expect(toDecimalString(5, 'KES')).toBe('0.05');
    expect(toDecimalString(0, 'USD')).toBe('0.00');
    expect(toDecimalString(1, 'KWD')).toBe('0.001');
    expect(toDecimalString(1234500, 'KWD')).toBe('1234.500');
    expect(toDecimalString(-5, 'KES')).toBe('-0.05');
  });

  it('round-trips with parseAmount', () => {
    for (const [text, currency] of [
      ['19.99', 'KES'],
      ['0.001', 'KWD'],
      ['250000.00', 'KES'],
      ['90071992547409.91', 'TZS'],
    ] as const) {
      expect(toDecimalString(parseAmount(text, currency), currency)).toBe(text);
    }
  });

  it('refuses non-integer or unsafe minor units', () => {
    expect(() => toDecimalString(1.5, 'KES')).toThrow(MoneyError);
    expect(() => toDecimalString(Number.NaN, 'KES')).toThrow(MoneyError);
    expect(() => toDecimalString(Number.MAX_SAFE_INTEGER + 1, 'KES')).toThrow(MoneyError);
  });
});

describe('formatMoney', () => {
  it('groups thousands and prefixes the currency code', () => {
    expect(formatMoney(1234500, 'KWD')).toBe('KWD 1,234.500');
    expect(formatMoney(5, 'KES')).toBe('KES 0.05');
    expect(formatMoney(100000, 'KES')).toBe('KES 1,000.00');
    expect(formatMoney(99999, 'KES')).toBe('KES 999.99');
    expect(formatMoney(123456789, 'TZS')).toBe('TZS 1,234,567.89');
    expect(formatMoney(0, 'GMD')).toBe('GMD 0.00');
    expect(formatMoney(-123456, 'USD')).toBe('USD -1,234.56');
  });
});

describe('isWholeMajor / toWholeMajor', () => {
  it('knows whole shillings from cents', () => {
    expect(isWholeMajor(100, 'KES')).toBe(true);
    expect(isWholeMajor(0, 'KES')).toBe(true);
    expect(isWholeMajor(150, 'KES')).toBe(false);
    expect(isWholeMajor(1, 'KES')).toBe(false);
    expect(isWholeMajor(1000, 'KWD')).toBe(true);
    expect(isWholeMajor(100, 'KWD')).toBe(false);
  });

  it('converts whole amounts and refuses fractional ones', () => {
    expect(toWholeMajor(25000000, 'KES')).toBe(250000);
    expect(toWholeMajor(86000, 'KWD')).toBe(86);
    expect(() => toWholeMajor(150, 'KES')).toThrow(MoneyError);
    expect(() => toWholeMajor(150, 'KES')).toThrow('KES amount must be whole');
    expect(() => toWholeMajor(86500, 'KWD')).toThrow(MoneyError);
  });
});

describe('providerAmountToMinor', () => {
  it('reads JSON numbers (1.00 arrives as 1)', () => {
    expect(providerAmountToMinor(1.0, 'KES')).toBe(100);
    expect(providerAmountToMinor(JSON.parse('{"a":1.00}').a as number, 'KES')).toBe(100);
    expect(providerAmountToMinor(19.99, 'KES')).toBe(1999);
    expect(providerAmountToMinor(86.5, 'KWD')).toBe(86500);
    expect(providerAmountToMinor(0.1 + 0.2, 'KES')).toBe(30);
    expect(providerAmountToMinor(100, 'KES')).toBe(10000);
    expect(providerAmountToMinor(0, 'KES')).toBe(0);
  });

  it('reads decimal strings', () => {
    expect(providerAmountToMinor('5.00', 'KES')).toBe(500);
    expect(providerAmountToMinor('86.500', 'KWD')).toBe(86500);
  });

  it('refuses negative, non-finite and over-precise amounts', () => {
    expect(() => providerAmountToMinor(-1, 'KES')).toThrow(MoneyError);
    expect(() => providerAmountToMinor(Number.NaN, 'KES')).toThrow(MoneyError);
    expect(() => providerAmountToMinor(Number.POSITIVE_INFINITY, 'KES')).toThrow(MoneyError);
    expect(() => providerAmountToMinor(1.005, 'KES')).toThrow(MoneyError);
    expect(() => providerAmountToMinor('-5.00', 'KES')).toThrow(MoneyError);
    expect(() => providerAmountToMinor(1e21, 'KES')).toThrow(MoneyError);
  });
});
