import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db';
import { providerTokens } from '@/db/schema';
import { getDatabase } from '@/lib/server/database';
import { seal, unseal } from '@/lib/settings/crypto';
import type { IssuedToken, SharedTokenStore } from './token-cache';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Tokens in PostgreSQL, shared by every instance. A refresh runs under a transaction-scoped
 * advisory lock on the credentials, and re-reads the row under it: whoever waited finds the
 * token the first instance minted instead of minting (and so revoking) another.
 * PGlite is one process with one connection: there the in-process single flight is enough, and
 * holding a transaction across the provider call would block the event log it writes.
 */
export function createSharedTokenStore(open: () => Promise<Database> = getDatabase): SharedTokenStore {
  return {
    async read(key) {
      const { db } = await open();
      return readToken(db, sha256(key));
    },
    async refresh(key, mint) {
      const database = await open();
      const keyHash = sha256(key);
      if (database.kind === 'pglite') return mintAndStore(database.db, keyHash, mint);
      return database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`provider-token:${keyHash}`}, 0))`);
        return (await readToken(tx, keyHash)) ?? mintAndStore(tx, keyHash, mint);
      });
    },
    async discard(key, token) {
      const { db } = await open();
      const keyHash = sha256(key);
      const which = token === undefined ? eq(providerTokens.keyHash, keyHash) : and(eq(providerTokens.keyHash, keyHash), eq(providerTokens.fingerprint, sha256(token)));
      await db.delete(providerTokens).where(which);
    },
  };
}

async function readToken(db: DbOrTx, keyHash: string): Promise<IssuedToken | null> {
  const [row] = await db.select().from(providerTokens).where(eq(providerTokens.keyHash, keyHash));
  if (!row || row.usableUntil.getTime() <= Date.now()) return null;
  try {
    return { value: unseal(row.sealedToken, `token:${keyHash}`), usableUntil: row.usableUntil.getTime() };
  } catch {
    // Sealed under another settings key (rotated): mint a new one rather than fail the payment.
    return null;
  }
}

async function mintAndStore(db: DbOrTx, keyHash: string, mint: () => Promise<IssuedToken>): Promise<IssuedToken> {
  const issuedAt = new Date();
  const token = await mint();
  const row = {
    keyHash,
    sealedToken: seal(token.value, `token:${keyHash}`),
    fingerprint: sha256(token.value),
    usableUntil: new Date(token.usableUntil),
    issuedAt,
  };
  // Never overwrite a token issued after ours began (PGlite has no lock, and clocks may race).
  await db
    .insert(providerTokens)
    .values(row)
    .onConflictDoUpdate({
      target: providerTokens.keyHash,
      set: { sealedToken: row.sealedToken, fingerprint: row.fingerprint, usableUntil: row.usableUntil, issuedAt: row.issuedAt },
      setWhere: sql`${providerTokens.issuedAt} <= excluded.issued_at`,
    });
  return token;
}

/** The app's store: every provider's token cache shares it. */
export const sharedTokenStore = createSharedTokenStore();
