// Opens the database: PostgreSQL through postgres.js when a URL is given, otherwise embedded
// PGlite (a folder on disk, or memory in tests). Both speak the same SQL, so the rest of the
// app only ever sees `Db`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; every query function accepts a Db or a Tx. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** PostgreSQL only: where to open the migration session. */
  url?: string;
  /**
   * LISTEN on one session of its own (postgres.js keeps a dedicated connection, outside the pool;
   * PGlite has only one). `onListen` runs each time the session (re)starts listening: after a
   * reconnect, notifications sent meanwhile are lost, so listeners should re-read.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Any fixed number: every instance of Malipo takes the same lock before migrating. */
const MIGRATION_LOCK_KEY = 7_402_191_518;

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export async function openDatabase(options: { url?: string; pgliteDir?: string; poolSize?: number }): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, { max: options.poolSize ?? 10, onnotice: () => {} });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      kind: 'postgres',
      url: options.url,
      listen: async (channel, onNotify, onListen) => (await client.listen(channel, onNotify, onListen)).unlisten,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  // "memory://" keeps tests isolated; a folder keeps the demo's data between runs.
  const dir = options.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const client = new PGlite(dir);
  await client.waitReady;
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: 'pglite',
    listen: async (channel, onNotify, onListen) => {
      const unlisten = await client.listen(channel, onNotify);
      onListen?.();
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

export async function migrateDatabase(database: Pick<Database, 'db' | 'kind' | 'url'>): Promise<void> {
  if (database.kind === 'postgres' && database.url) {
    await migrateUnderLock(database.url);
  } else if (database.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
  }
}

/**
 * Several instances may start at once on a fresh database: one session takes an advisory lock,
 * migrates, and the others wait for it, then find nothing left to do.
 */
async function migrateUnderLock(url: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const session = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await session`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(session), { migrationsFolder });
  } finally {
    // Closing the session releases the lock as well, even if migrating failed.
    await session.end({ timeout: 5 });
  }
}

export { schema };
