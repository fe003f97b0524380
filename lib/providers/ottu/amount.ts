// Ottu amounts are decimal strings with the currency's precision (providers.md §3.1): "12.500" KWD,
// "12.50" USD. Always sent with the full precision (§3.9); read back digit by digit, never as floats.
import { MoneyError, parseAmount, providerAmountToMinor, toDecimalString, type Currency } from '@/lib/payments/money';

export const OTTU_CURRENCIES = ['KWD', 'BHD', 'OMR', 'SAR', 'AED', 'USD'] as const satisfies readonly Currency[];
export type OttuCurrency = (typeof OTTU_CURRENCIES)[number];

export function isOttuCurrency(currency: string): currency is OttuCurrency {
  return (OTTU_CURRENCIES as readonly string[]).includes(currency);
}

/** 12500 KWD → "12.500"; 1250 USD → "12.50". */
export function toOttuAmount(minor: number, currency: OttuCurrency): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new MoneyError('minor units must be a non-negative safe integer');
  return toDecimalString(minor, currency);
}

/**
 * "12.500" KWD → 12500. Ottu echoes amounts as strings, but operation answers may carry numbers
 * (§3.9), and "20" or "20.00" are valid for KWD: all read exactly. More decimals than the
 * currency has is an error, never a rounding.
 */
export function fromOttuAmount(value: string | number, currency: OttuCurrency): number {
  return typeof value === 'number' ? providerAmountToMinor(value, currency) : parseAmount(value, currency);
}
