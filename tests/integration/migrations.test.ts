// Several instances start at once on a fresh database: migrations must not race (issue 8 §6).
import { inject, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '@/db';

describe('migrations', () => {
  it('three instances migrating one fresh database at once all succeed', async () => {
    const runUrl = inject('databaseUrl');
    if (!runUrl) {
      const database = await openDatabase({ pgliteDir: 'memory://' });
      await Promise.all([migrateDatabase(database), migrateDatabase(database)]);
      await database.close();
      return;
    }
    const admin = postgres(runUrl, { max: 1, onnotice: () => {} });
    const name = `${new URL(runUrl).pathname.slice(1)}_mig`.slice(0, 63);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const url = new URL(runUrl);
    url.pathname = `/${name}`;
    const instances = await Promise.all([0, 1, 2].map(() => openDatabase({ url: url.toString(), poolSize: 2 })));
    try {
      const results = await Promise.allSettled(instances.map((d) => migrateDatabase(d)));
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
    } finally {
      await Promise.all(instances.map((d) => d.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    }
  });
});
