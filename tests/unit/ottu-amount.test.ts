import { describe, expect, it } from 'vitest';
import { MoneyError } from '@/lib/payments/money';
import { OTTU_CURRENCIES, fromOttuAmount, isOttuCurrency, toOttuAmount } from '@/lib/providers/ottu/amount';

describe('Ottu amounts (decimal strings with the currency precision)', () => {
  it('formats 3 decimals for KWD/BHD/OMR and 2 for SAR/AED/USD', () => {
    expect(toOttuAmount(12500, 'KWD')).toBe('12.500');
    expect(toOttuAmount(1, 'BHD')).toBe('0.001');
    expect(toOttuAmount(20000, 'OMR')).toBe('20.000');
    expect(toOttuAmount(1250, 'USD')).toBe('12.50');
    expect(toOttuAmount(5, 'SAR')).toBe('0.05');
    expect(toOttuAmount(0, 'AED')).toBe('0.00');
  });

  it('parses back exactly, including the shorter forms Ottu accepts and numbers in operation answers', () => {
    for (const currency of OTTU_CURRENCIES) {
      for (const minor of [0, 1, 7, 999, 12500, 1_000_001, 86_125]) expect(fromOttuAmount(toOttuAmount(minor, currency), currency)).toBe(minor);
    }
    expect(fromOttuAmount('20', 'KWD')).toBe(20000);
    expect(fromOttuAmount('20.00', 'KWD')).toBe(20000);
    expect(fromOttuAmount(1.005, 'KWD')).toBe(1005); // 1.005 * 1000 is 1004.9999999999999
    expect(fromOttuAmount(19.99, 'USD')).toBe(1999);
  });

  it('refuses more decimals than the currency has, negatives and fractions of a minor unit', () => {
    expect(() => fromOttuAmount('12.500', 'USD')).toThrow(MoneyError);
    expect(() => fromOttuAmount('1.0001', 'KWD')).toThrow(MoneyError);
    expect(() => fromOttuAmount('-1.000', 'KWD')).toThrow(MoneyError);
    expect(() => toOttuAmount(1.5, 'KWD')).toThrow(MoneyError);
    expect(() => toOttuAmount(-1, 'KWD')).toThrow(MoneyError);
  });

  it('knows the currencies it serves', () => {
    expect(isOttuCurrency('KWD')).toBe(true);
    expect(isOttuCurrency('KES')).toBe(false);
  });
});
