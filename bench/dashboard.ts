// `npm run bench:dashboard`: the admin's list, totals, overview and CSV export against
// 1,000,000 payments in a real PostgreSQL database created for the run (and dropped after,
// unless --keep). Not a test: it prints figures to compare with the targets in docs/admin.md.
//   BENCH_ROWS (default 1000000), BENCH_POSTGRES_URL (default the test server's URL), --keep,
//   --reuse <database name> (skip seeding: measure an existing bench database again).
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrateDatabase, schema, type Db } from '@/db';
import { encodeCursor } from '@/lib/payments/list-payments';
import { seedPayments } from './seed-payments';
import { runScenarios } from './scenarios';

const { values } = parseArgs({ options: { keep: { type: 'boolean' }, reuse: { type: 'string' } } });
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (line: string) => console.log(line);

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = values.reuse ?? `malipo_bench_${Date.now()}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const total = performance.now();
  if (!values.reuse) await admin.unsafe(`create database ${name}`);
  const client = postgres(url.toString(), { max: 4, onnotice: () => {} });
  const captured: { sql: string; params: unknown[] } = { sql: '', params: [] };
  const db = drizzle(client, { schema, logger: { logQuery: (sql, params) => Object.assign(captured, { sql, params }) } }) as unknown as Db;
  try {
    log(`[bench] database ${name} on ${url.host}`);
    if (!values.reuse) {
      await migrateDatabase({ db, kind: 'postgres' });
      const seeding = performance.now();
      log(`[bench] seeding ${rows.toLocaleString('en')} payments and orders`);
      await seedPayments(client, rows, log);
      log(`[bench] seeded and analysed in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    }
    const [{ n }] = (await client`select count(*)::int as n from payments`) as unknown as [{ n: number }];
    log(`[bench] payments: ${n.toLocaleString('en')}; server ${(await client`show server_version`)[0]?.server_version}`);
    await runScenarios({ db, client, captured, log, cursorAt: (offset, where) => cursorAt(client, offset, where) });
  } finally {
    await client.end({ timeout: 5 });
    if (!values.keep && !values.reuse) await admin.unsafe(`drop database if exists ${name} with (force)`);
    else log(`[bench] kept database ${name} (run again with --reuse ${name})`);
    await admin.end({ timeout: 5 });
    log(`[bench] total ${((performance.now() - total) / 1000).toFixed(1)} s`);
  }
}

/** The cursor a user would hold after paging `offset` rows deep (found once, with OFFSET, in setup only). */
async function cursorAt(client: postgres.Sql, offset: number, where: string): Promise<string> {
  const [row] = await client.unsafe<{ k: string; id: string }[]>(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as k, id from payments ${where} order by created_at desc, id desc offset ${offset} limit 1`,
  );
  if (!row) throw new Error(`no row at offset ${offset}`);
  return encodeCursor(row.k, row.id);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
