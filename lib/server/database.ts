import 'server-only';
import { migrateDatabase, openDatabase, type Database, type Db } from '@/db';
import { seedDemoData } from '@/db/seed';
import { getEnv } from '@/lib/env';

// One database per process, kept on globalThis so dev hot reloads reuse it instead of opening
// a second PGlite on the same folder (unsafe) or leaking postgres.js pools.
const globalForDb = globalThis as unknown as { malipoDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  globalForDb.malipoDatabase ??= start().catch((error) => {
    globalForDb.malipoDatabase = undefined;
    throw error;
  });
  return globalForDb.malipoDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

async function start(): Promise<Database> {
  const env = getEnv();
  const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.DATABASE_URL ? undefined : env.PGLITE_DIR });
  await migrateDatabase(database);
  const seed = env.SEED_DEMO_DATA ?? !env.DATABASE_URL;
  if (seed && (await seedDemoData(database.db))) console.info('[malipo] seeded demo data');
  return database;
}
