import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { apiKeys } from '@/db/schema';
import { getEnv } from '@/lib/env';

export interface ApiPrincipal {
  /** Database id of the key; 0 for BOOTSTRAP_API_KEY, which has no row. */
  keyId: number;
  name: string;
  defaultCallbackUrl: string | null;
  /** An admin key sees every payment; a merchant key only those it created. */
  admin: boolean;
}

export type ApiKeyKind = 'merchant' | 'admin';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates a key and returns it once; only its hash and prefix are stored. */
export async function createApiKey(db: DbOrTx, name: string, defaultCallbackUrl: string | null = null, kind: ApiKeyKind = 'merchant'): Promise<{ key: string; id: number; prefix: string }> {
  const key = `mlp_live_${randomBytes(24).toString('base64url')}`;
  const prefix = key.slice(0, 13);
  const [row] = await db.insert(apiKeys).values({ name, prefix, hash: hashApiKey(key), defaultCallbackUrl, kind }).returning({ id: apiKeys.id });
  if (!row) throw new Error('api key insert returned no row');
  return { key, id: row.id, prefix };
}

export async function authenticateApiKey(db: DbOrTx, authorization: string | null): Promise<ApiPrincipal | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return null;
  const key = match[1];
  const bootstrap = getEnv().BOOTSTRAP_API_KEY;
  if (bootstrap && constantTimeEquals(key, bootstrap)) return { keyId: 0, name: 'bootstrap', defaultCallbackUrl: null, admin: true };
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  return { keyId: row.id, name: row.name, defaultCallbackUrl: row.defaultCallbackUrl, admin: row.kind === 'admin' };
}

function constantTimeEquals(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
