// Free-text search of the payment list. One box takes a phone number in whatever form an
// operator has it ("0712 345 678", "+255 712 345 678", "254712345678"), an order reference, a
// provider receipt or reference, or a payment id. Every term is an exact match so each one is
// an index lookup, never a scan of a million rows with ILIKE.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { normalizeMsisdn } from './phone';

/** Countries whose wallets we take; a national-format number is tried against each. */
const SEARCH_COUNTRIES: readonly CountryCode[] = ['KE', 'TZ', 'ZW', 'GM', 'KW'];

export interface SearchTerms {
  /** Normalised MSISDN candidates (254712345678). */
  msisdns: string[];
  /** Exact values for references, receipts and ids (as typed, and upper-cased). */
  texts: string[];
}

export function searchTerms(q: string): SearchTerms {
  const trimmed = q.trim();
  const texts = unique([trimmed, trimmed.toUpperCase(), trimmed.toLowerCase()].filter((t) => t.length > 0));
  return { msisdns: phoneCandidates(trimmed), texts };
}

function phoneCandidates(input: string): string[] {
  const cleaned = input.replace(/[\s\-().]/g, '');
  if (!/^\+?\d{6,15}$/.test(cleaned)) return [];
  const found: string[] = [];
  if (cleaned.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(cleaned);
    if (parsed?.isValid()) found.push(parsed.number.slice(1));
  } else {
    // Already in stored form (country code, no plus) as copied from a provider's report.
    if (cleaned.length >= 10) {
      const parsed = parsePhoneNumberFromString(`+${cleaned}`);
      if (parsed?.isValid()) found.push(parsed.number.slice(1));
    }
    for (const country of SEARCH_COUNTRIES) {
      const result = normalizeMsisdn(cleaned, country);
      if (result.ok) found.push(result.msisdn);
    }
  }
  // A sandbox or test number that no numbering plan knows still matches as typed.
  found.push(cleaned.replace(/^\+/, ''));
  return unique(found);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
