// Ledger entries are readable by anyone who can reach the sandbox: keep secrets out of them.
const SECRET_KEYS = new Set(['authorization', 'card_number', 'password']);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k.toLowerCase()) ? '[redacted]' : redact(v)]));
  }
  return value;
}
