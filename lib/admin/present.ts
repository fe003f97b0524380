// How payments are shown to people in the admin: amounts per currency, phones per role.
import { CURRENCIES, formatMoney, toDecimalString, type Currency } from '@/lib/payments/money';
import { maskMsisdn } from '@/lib/payments/phone';
import { maskPhonesInText } from '@/lib/payments/redact';
import { hasRole } from '@/lib/auth/roles';

function knownCurrency(currency: string): currency is Currency {
  return currency in CURRENCIES;
}

/** "KES 1,500.00", "KWD 12.345"; an unknown currency falls back to the raw minor units. */
export function formatAmount(minor: number, currency: string): string {
  return knownCurrency(currency) ? formatMoney(minor, currency) : `${currency} ${minor} (minor units)`;
}

/** "1500.00": for CSV, where spreadsheets want a plain number. */
export function decimalAmount(minor: number, currency: string): string {
  return knownCurrency(currency) ? toDecimalString(minor, currency) : String(minor);
}

/** Admins see the full number (they call shoppers back); viewers see 2547****5678. */
export function displayMsisdn(msisdn: string | null, role: string): string {
  if (!msisdn) return '';
  return hasRole(role, 'admin') ? msisdn : maskMsisdn(msisdn);
}

/** "2026-01-31 14:05:09 UTC": one unambiguous clock for a team across time zones. */
export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const PHONE_LIKE = /^\+?\d{9,15}$/;

/**
 * Event payloads for viewers: any value that looks like a phone number (9-15 digits, as a
 * string or a JSON number, as M-Pesa sends PhoneNumber) is masked. Long digit timestamps get
 * masked too; viewers lose little and never see a shopper's full number.
 */
export function maskPhonesIn(value: unknown, depth = 0): unknown {
  if (depth > 12) return value;
  if (typeof value === 'string') return PHONE_LIKE.test(value) ? maskMsisdn(value.replace(/^\+/, '')) : maskPhonesInText(value);
  if (typeof value === 'number') return Number.isInteger(value) && PHONE_LIKE.test(String(value)) ? maskMsisdn(String(value)) : value;
  if (Array.isArray(value)) return value.map((v) => maskPhonesIn(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskPhonesIn(v, depth + 1)]));
  }
  return value;
}

export { maskPhonesInText } from '@/lib/payments/redact';
