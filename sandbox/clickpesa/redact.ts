// Ledger entries are readable by anyone who can reach the sandbox: keep secrets out of them.

const SECRET_KEYS = new Set(['token', 'api-key', 'apikey', 'authorization', 'checksumkey']);
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

export function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[redacted-jwt]');
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, SECRET_KEYS.has(key.toLowerCase()) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}
