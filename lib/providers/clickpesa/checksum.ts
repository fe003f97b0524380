// ClickPesa checksums (providers.md §2.6): HMAC-SHA256 with the app's checksum key, over the
// payload without its own `checksum`/`checksumMethod` fields. Two generations exist: we sign
// requests with the current "canonical" one and accept either on incoming webhooks.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ChecksumMethod = 'canonical' | 'legacy';
type JsonObject = Record<string, unknown>;

const SIGNATURE_KEYS = new Set(['checksum', 'checksumMethod']);

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function withoutSignature(payload: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !SIGNATURE_KEYS.has(key)));
}

/** Object keys sorted at every level; arrays keep their order; values keep their JSON types. */
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

/**
 * Whether the legacy algorithm can sign this payload at all: it concatenates String(value), so a
 * nested object becomes "[object Object]" whatever it holds and an array loses its structure.
 * A legacy checksum over such a payload signs nothing in it: it only fits flat payloads.
 */
export function legacyApplies(payload: JsonObject): boolean {
  return Object.values(withoutSignature(payload)).every((value) => value === null || typeof value !== 'object');
}

/** 2025-03 algorithm: the top-level values in key order, concatenated with no separator. */
export function legacyMessage(payload: JsonObject): string {
  const fields = withoutSignature(payload);
  return Object.keys(fields)
    .sort()
    .map((key) => String(fields[key]))
    .join('');
}

export function computeChecksum(payload: JsonObject, key: string, method: ChecksumMethod = 'canonical'): string {
  const message = method === 'canonical' ? canonicalMessage(payload) : legacyMessage(payload);
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

/** Adds `checksum` and `checksumMethod` (canonical) to an outgoing request body. */
export function withChecksum<T extends JsonObject>(payload: T, key: string): T & { checksum: string; checksumMethod: 'canonical' } {
  return { ...payload, checksum: computeChecksum(payload, key, 'canonical'), checksumMethod: 'canonical' };
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Which algorithm `payload.checksum` matches, or null. `checksumMethod` is not trusted to pick
 * the algorithm: whether ClickPesa sends it is UNCONFIRMED, and a forger could set it. Legacy is
 * only tried on flat payloads (see legacyApplies): one leaked legacy checksum of a nested body
 * would otherwise verify any body with the same top-level strings.
 */
export function verifyChecksum(payload: JsonObject, key: string): ChecksumMethod | null {
  const given = payload.checksum;
  if (typeof given !== 'string' || given === '') return null;
  if (sameHex(computeChecksum(payload, key, 'canonical'), given)) return 'canonical';
  if (legacyApplies(payload) && sameHex(computeChecksum(payload, key, 'legacy'), given)) return 'legacy';
  return null;
}
