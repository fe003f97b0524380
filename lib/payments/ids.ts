import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** Unguessable ids: the shopper's status page is reachable by payment id alone. */
export function newId(prefix: 'pay' | 'ord', length = 20): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}

/** Human-friendly order reference: ORD-7K3M9Q (no 0/O or 1/I confusion). */
export function newOrderReference(): string {
  const bytes = randomBytes(6);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `ORD-${out.toUpperCase()}`;
}
