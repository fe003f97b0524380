import 'server-only';
import bcrypt from 'bcryptjs';
import { z } from 'zod';

// bcrypt (pure JS: no native build on any host). Cost 12 is ~250 ms per check on a server core;
// tests use the minimum so a suite that creates users stays fast. The cost lives in each hash,
// so hashes made at either cost verify everywhere.
const COST = process.env.NODE_ENV === 'test' ? 4 : 12;

/** bcrypt reads at most 72 bytes: longer passwords would be silently truncated, so refuse them. */
export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .refine((p) => Buffer.byteLength(p, 'utf8') <= 72, 'must be at most 72 bytes');

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a wrong email costs the same time as a wrong
// password and response times do not reveal which accounts exist.
const DUMMY_HASH = bcrypt.hashSync('malipo-no-such-user', COST);

export async function burnPasswordCheck(password: string): Promise<void> {
  await bcrypt.compare(password, DUMMY_HASH);
}
