// ClickPesa request/webhook checksums (providers.md §2.6). Two generations exist and we accept
// both on the way in; we always sign outgoing webhooks with the current "canonical" one.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ChecksumMethod = 'canonical' | 'legacy';

/** The signature travels inside the payload it signs, so both keys are dropped before hashing. */
const SIGNATURE_KEYS = new Set(['checksum', 'checksumMethod']);

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function withoutSignature(payload: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !SIGNATURE_KEYS.has(key)));
}

/**
 * Sorts object keys at every level. Integer-like keys ("9", "10") still come out in JS engine
 * order after JSON.stringify; ClickPesa's reference implementation is JavaScript, so matching
 * JSON.stringify (not Python's json.dumps) is the faithful choice.
 */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (isObject(value)) {
    const sorted: JsonObject = {};
    for (const key of Object.keys(value).sort()) sorted[key] = canonicalize(value[key]);
    return sorted;
  }
  return value;
}

/** Current algorithm: compact JSON of the recursively key-sorted payload. */
export function canonicalMessage(payload: JsonObject): string {
  return JSON.stringify(canonicalize(withoutSignature(payload)));
}

/** 2025-03 algorithm: top-level values only, in key order, no keys and no separators. */
export function legacyMessage(payload: JsonObject): string {
  const fields = withoutSignature(payload);
  return Object.keys(fields)
    .sort()
    .map((key) => String(fields[key]))
    .join('');
}

function hmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

export function computeChecksum(payload: JsonObject, key: string, method: ChecksumMethod = 'canonical'): string {
  return hmacHex(key, method === 'canonical' ? canonicalMessage(payload) : legacyMessage(payload));
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks `payload.checksum` against both algorithms and says which one matched, or null. The
 * `checksumMethod` field is not trusted to pick the algorithm: whether ClickPesa requires or reads
 * it is UNCONFIRMED, and clients in the wild send the legacy digest without it.
 */
export function verifyChecksum(payload: JsonObject, key: string): ChecksumMethod | null {
  const given = payload.checksum;
  if (typeof given !== 'string' || given === '') return null;
  if (sameHex(computeChecksum(payload, key, 'canonical'), given)) return 'canonical';
  if (sameHex(computeChecksum(payload, key, 'legacy'), given)) return 'legacy';
  return null;
}

/** Adds top-level `checksum` + `checksumMethod`, computed over the payload without them. */
export function signPayload<T extends JsonObject>(payload: T, key: string): T & { checksum: string; checksumMethod: 'canonical' } {
  return { ...payload, checksum: computeChecksum(payload, key, 'canonical'), checksumMethod: 'canonical' };
}
