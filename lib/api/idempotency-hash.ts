// What makes two requests "the same" for an Idempotency-Key: method, path and the JSON body with
// keys sorted, so whitespace and key order do not matter but any value does. Pure, unit-tested.
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Raw body text that is not JSON is hashed as it is (it will fail validation anyway). */
export function requestFingerprint(method: string, path: string, rawBody: string): string {
  let body: string = rawBody;
  if (rawBody.trim() !== '') {
    try {
      body = JSON.stringify(canonical(JSON.parse(rawBody)));
    } catch {
      body = rawBody;
    }
  }
  return createHash('sha256').update(`${method.toUpperCase()}\n${path}\n${body}`, 'utf8').digest('hex');
}

/** Printable ASCII, 1-255 characters: UUIDs and the usual client-generated keys. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
