// Ottu amounts: decimal strings with the currency's precision (providers.md §3.1). The sandbox
// keeps its own copy of the arithmetic (no dependency on the app), integer minor units throughout.
export const PRECISION: Record<string, number> = { KWD: 3, BHD: 3, OMR: 3, JOD: 3, USD: 2, SAR: 2, AED: 2, EUR: 2, GBP: 2, QAR: 2, EGP: 2 };

export type AmountCheck = { ok: true; minor: number } | { ok: false; message: string };

/** "20", "20.00" and "20.000" are all valid KWD (§3.9); a fourth decimal is DRF's error. */
export function parseOttuAmount(value: unknown, currency: string): AmountCheck {
  const precision = PRECISION[currency] ?? 2;
  const text = typeof value === 'number' ? String(value) : value;
  const match = typeof text === 'string' ? /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim()) : null;
  if (!match) return { ok: false, message: 'A valid number is required.' };
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > precision) return { ok: false, message: `Ensure that there are no more than ${precision} decimal places.` };
  return { ok: true, minor: Number(BigInt(whole) * 10n ** BigInt(precision) + BigInt(fraction.padEnd(precision, '0') || '0')) };
}

export function formatOttuAmount(minor: number, currency: string): string {
  const precision = PRECISION[currency] ?? 2;
  const digits = String(minor).padStart(precision + 1, '0');
  return `${digits.slice(0, digits.length - precision)}.${digits.slice(digits.length - precision)}`;
}
