// Phone numbers as shoppers type them ("0712 345 678", "+254712345678", "712345678") become the
// MSISDN form providers want: country code and subscriber number, digits only (254712345678).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; msisdn: string } | { ok: false; message: string };

const COUNTRY_NAMES: Partial<Record<CountryCode, string>> = {
  KE: 'Kenyan',
  TZ: 'Tanzanian',
  ZW: 'Zimbabwean',
  GM: 'Gambian',
  KW: 'Kuwaiti',
};

export function normalizeMsisdn(input: string, country: CountryCode): PhoneResult {
  const cleaned = input.replace(/[\s\-().]/g, '');
  const label = COUNTRY_NAMES[country] ?? country;
  if (!/^\+?\d{6,15}$/.test(cleaned)) {
    return { ok: false, message: `must be a ${label} mobile number such as ${EXAMPLES[country] ?? '+...'}` };
  }
  const parsed = parsePhoneNumberFromString(cleaned, country);
  if (!parsed || !parsed.isValid() || parsed.country !== country) {
    return { ok: false, message: `must be a ${label} mobile number such as ${EXAMPLES[country] ?? '+...'}` };
  }
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    return { ok: false, message: `must be a ${label} mobile number, not a landline` };
  }
  return { ok: true, msisdn: parsed.number.slice(1) };
}

/** "254712345678" → "2547****5678": enough to recognise, not enough to misuse. */
export function maskMsisdn(msisdn: string): string {
  if (msisdn.length < 9) return msisdn.replace(/\d(?=\d{2})/g, '*');
  return `${msisdn.slice(0, 4)}****${msisdn.slice(-4)}`;
}

const EXAMPLES: Partial<Record<CountryCode, string>> = {
  KE: '0712 345 678',
  TZ: '0712 345 678',
  ZW: '0771 234 567',
  GM: '700 0000',
  KW: '5000 0000',
};
