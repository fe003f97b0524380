// Omari's request rules (providers.md §4.2), checked before any row is written or call made so
// a merchant gets a 400 naming the field rather than a failed payment.
import { randomUUID } from 'node:crypto';
import type { Currency } from '@/lib/payments/money';

export const OMARI_CURRENCIES = ['USD', 'ZWG'] as const satisfies readonly Currency[];
export const OMARI_CHANNELS = ['WEB', 'POS'] as const;

const MSISDN = /^2637\d{8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RuleViolation = { field: string; message: string } | null;

export const isUuid = (value: string) => UUID.test(value);

/**
 * Local forms ("0771 234 567", "771234567", "+263 77 123 4567") become 2637XXXXXXXX; anything
 * that cannot is null. The core's libphonenumber check runs first; this is Omari's own rule.
 */
export function toOmariMsisdn(input: string): string | null {
  const digits = input.replace(/[\s\-().+]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  const national = digits.startsWith('263') ? digits.slice(3) : digits.startsWith('0') ? digits.slice(1) : digits;
  const msisdn = `263${national}`;
  return MSISDN.test(msisdn) ? msisdn : null;
}

export function checkOmariRequest(request: { msisdn: string; currency: Currency; reference: string | null }): RuleViolation {
  if (!toOmariMsisdn(request.msisdn)) return { field: 'msisdn', message: 'must be a Zimbabwean mobile number in the form 2637XXXXXXXX (or 07XXXXXXXX)' };
  if (!(OMARI_CURRENCIES as readonly string[]).includes(request.currency)) return { field: 'currency', message: 'must be USD or ZWG for Omari' };
  if (request.reference !== null && !isUuid(request.reference)) {
    return { field: 'reference', message: 'must be a UUID for Omari (e.g. 9ee57919-b4f0-4d86-95ae-a1311ad1de7d), or left out to have one generated' };
  }
  return null;
}

export function checkOmariChannel(channel: string): RuleViolation {
  return (OMARI_CHANNELS as readonly string[]).includes(channel) ? null : { field: 'channel', message: 'must be WEB or POS' };
}

/**
 * Omari's reference is its idempotency key, so each attempt needs its own: the merchant's UUID
 * on a first attempt, a fresh one for retries, resends and shop checkouts (whose reference is
 * the order's, not a UUID).
 */
export function omariReferenceFor(payment: { reference: string | null; retryOf: string | null }): string {
  return payment.reference && !payment.retryOf && isUuid(payment.reference) ? payment.reference.toLowerCase() : randomUUID();
}
