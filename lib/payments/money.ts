// Money is an integer count of minor units plus a currency. Decimal strings are parsed digit by
// digit, never through floating point ("19.99" * 100 is 1998.9999999999998).
import { z } from 'zod';

export const CURRENCIES = {
  KES: { exponent: 2, symbol: 'KSh' },
  TZS: { exponent: 2, symbol: 'TSh' },
  USD: { exponent: 2, symbol: '$' },
  ZWG: { exponent: 2, symbol: 'ZiG' },
  GMD: { exponent: 2, symbol: 'D' },
  KWD: { exponent: 3, symbol: 'KD' },
  BHD: { exponent: 3, symbol: 'BD' },
  OMR: { exponent: 3, symbol: 'RO' },
  SAR: { exponent: 2, symbol: 'SR' },
  AED: { exponent: 2, symbol: 'AED' },
} as const;

export type Currency = keyof typeof CURRENCIES;
export const currencySchema = z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]);

export function exponentOf(currency: Currency): number {
  return CURRENCIES[currency].exponent;
}

export class MoneyError extends Error {}

/**
 * "1000", "1000.5", "1000.50" → minor units. More decimals than the currency has is an error,
 * not a rounding: "10.005" KES would silently change what the shopper pays.
 */
export function parseAmount(input: string, currency: Currency): number {
  const exponent = exponentOf(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(input.trim());
  if (!match) throw new MoneyError('must be a positive decimal number such as "1000.00"');
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > exponent) {
    throw new MoneyError(`${currency} allows at most ${exponent} decimal places`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError('is too large');
  return Number(minor);
}

/** Minor units → "1000.00" (plain decimal string, as the API speaks it). */
export function toDecimalString(minor: number, currency: Currency): string {
  assertMinor(minor);
  const exponent = exponentOf(currency);
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${minor < 0 ? '-' : ''}${whole}${exponent ? `.${fraction}` : ''}`;
}

/** Minor units → "KES 1,000.00" for people. */
export function formatMoney(minor: number, currency: Currency): string {
  const [whole = '0', fraction] = toDecimalString(minor, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** True when the amount has no fractional part in major units (M-Pesa takes whole shillings). */
export function isWholeMajor(minor: number, currency: Currency): boolean {
  return minor % 10 ** exponentOf(currency) === 0;
}

export function toWholeMajor(minor: number, currency: Currency): number {
  if (!isWholeMajor(minor, currency)) throw new MoneyError(`${currency} amount must be whole`);
  return minor / 10 ** exponentOf(currency);
}

/** Parses a provider's amount that may arrive as a JSON number (1.00 → 1) or a string. */
export function providerAmountToMinor(value: number | string, currency: Currency): number {
  const text = typeof value === 'number' ? numberToPlainString(value) : value;
  return parseAmount(text, currency);
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new MoneyError('is not a valid amount');
  // toFixed(6) then trimming is exact for any amount a provider sends with ≤ 3 decimals.
  return value.toFixed(6).replace(/\.?0+$/, '');
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new MoneyError('minor units must be a safe integer');
}
