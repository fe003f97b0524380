// Everything written to the event log passes through here first. Keys are matched by name at
// any depth, so a provider adding a nested credential later is still covered.
const SECRET_KEY = /pass(word|key)?|secret|token|authorization|otp|pin|api[-_]?key|checksum|signature|credential/i;
// Keys that look secret by name but are references the admin needs to see.
const PUBLIC_KEYS = new Set(['otpReference', 'otp_reference', 'accessTokenExpiry', 'expires_in', 'checksumMethod']);

export const REDACTED = '[redacted]';

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 12) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && !PUBLIC_KEYS.has(k) && v !== null && typeof v !== 'object' ? REDACTED : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}

/** Replaces a secret path segment (the M-Pesa callback token) in URLs before they are logged. */
export function redactUrl(url: string, secrets: readonly (string | undefined)[]): string {
  return secrets.reduce<string>((u, s) => (s ? u.split(s).join(REDACTED) : u), url);
}
