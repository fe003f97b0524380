// A database of the test file's own, for tests that count rows across the whole payments table
// (filters "alone", totals, CSV) and so cannot share the run's database with other files.
import { inject } from 'vitest';
import postgres from 'postgres';
import { migrateDatabase, openDatabase, type Database } from '@/db';

export interface IsolatedDatabase extends Database {
  url: string | undefined;
}

export async function openIsolatedDatabase(label: string): Promise<IsolatedDatabase> {
  const runUrl = inject('databaseUrl');
  if (!runUrl) {
    const database = await openDatabase({ pgliteDir: 'memory://' });
    await migrateDatabase(database);
    return { ...database, url: undefined };
  }
  const admin = postgres(runUrl, { max: 1, onnotice: () => {} });
  const name = `${new URL(runUrl).pathname.slice(1)}_${label}`.slice(0, 63);
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  await migrateDatabase(database);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
