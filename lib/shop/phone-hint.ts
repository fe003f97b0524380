// A light, client-safe first check of what the shopper types, so mistakes show before submit.
// The server's libphonenumber-js check (lib/payments/phone.ts) remains the authority; this file
// must stay tiny because it ships to every phone.

const PATTERNS: Record<string, { re: RegExp; example: string }> = {
  KE: { re: /^(?:\+?254|0)?(?:7\d{8}|1\d{8})$/, example: '0712 345 678' },
  TZ: { re: /^(?:\+?255|0)?[67]\d{8}$/, example: '0712 345 678' },
  ZW: { re: /^(?:\+?263|0)?7\d{8}$/, example: '0771 234 567' },
  GM: { re: /^(?:\+?220)?\d{7}$/, example: '700 0000' },
};

/** null when the number looks plausible, else a message for the shopper. */
export function phoneHint(input: string, country: string): string | null {
  const pattern = PATTERNS[country];
  const compact = input.replace(/[\s\-().]/g, '');
  if (!compact) return 'Enter your phone number';
  if (!pattern) return null;
  return pattern.re.test(compact) ? null : `Enter a valid mobile number, for example ${pattern.example}`;
}

export function phoneExample(country: string): string {
  return PATTERNS[country]?.example ?? '';
}
