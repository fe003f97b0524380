// Fills a database with `rows` payments (and one order each) in a few set-based statements:
// generate_series inside PostgreSQL, no row-by-row round trips. Distributions look like a
// mobile-money business: mostly M-Pesa, mostly successful, a year of dates, a few flagged.
import type { Sql } from 'postgres';

export async function seedPayments(sql: Sql, rows: number, log: (line: string) => void): Promise<void> {
  // Bulk load without the secondary indexes, then rebuild them from their own definitions (the
  // migration's, read back from pg_indexes): several times faster than maintaining nine
  // indexes row by row.
  const indexes = await sql<{ name: string; def: string }[]>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.tablename = 'payments' and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
  for (const index of indexes) await sql.unsafe(`drop index "${index.name}"`);
  const chunk = 250_000;
  for (let start = 1; start <= rows; start += chunk) {
    const end = Math.min(rows, start + chunk - 1);
    const started = performance.now();
    await sql.unsafe(`
      with g as (
        select i,
               -- deterministic pseudo-random numbers in [0, 1) per row
               ('x' || substr(md5(i::text), 1, 8))::bit(32)::bigint / 4294967296.0 as r1,
               ('x' || substr(md5(i::text), 9, 8))::bit(32)::bigint / 4294967296.0 as r2,
               ('x' || substr(md5(i::text), 17, 8))::bit(32)::bigint / 4294967296.0 as r3,
               ('x' || substr(md5(i::text), 25, 8))::bit(32)::bigint / 4294967296.0 as r4
          from generate_series(${start}, ${end}) as i
      ), p as (
        select i, r1, r2, r3, r4,
               case when r1 < 0.45 then 'mpesa' when r1 < 0.65 then 'clickpesa' when r1 < 0.77 then 'omari' when r1 < 0.85 then 'qmoney' else 'ottu' end as provider,
               case when r2 < 0.70 then 'success' when r2 < 0.84 then 'failed' when r2 < 0.90 then 'cancelled' when r2 < 0.95 then 'expired'
                    when r2 < 0.97 then 'processing' when r2 < 0.98 then 'pending' when r2 < 0.99 then 'awaiting_otp' else 'refunded' end as status0,
               -- appended in time order, as a live table is (rows close in time share heap pages)
               now() - ((${rows} - i + r3) / ${rows}.0) * interval '365 days' as created_at
          from g
      ), q as (
        select p.*,
               -- only the last few hours still wait for an answer; older ones the reconciler expired
               case when status0 in ('processing', 'pending', 'awaiting_otp') and i < ${rows} - 500 then 'expired' else status0 end as status,
               case provider when 'mpesa' then 'KES' when 'clickpesa' then 'TZS' when 'omari' then 'USD' when 'qmoney' then 'GMD' else (case when r4 < 0.7 then 'KWD' else 'USD' end) end as currency,
               case provider when 'mpesa' then '2547' when 'clickpesa' then '2557' when 'omari' then '2637' when 'qmoney' then '2207' else '9655' end as cc
          from p
      ), o as (
        insert into orders (id, reference, description, currency, total_minor, amount_paid_minor, payment_status, source, created_at, updated_at)
        select 'ord_' || substr(md5('o' || i), 1, 20), 'ORD-B' || lpad(upper(to_hex(i)), 7, '0'), 'Bench order', currency,
               (100 + floor(r4 * 50000))::bigint * 100, case when status = 'success' then (100 + floor(r4 * 50000))::bigint * 100 else 0 end,
               case when status = 'success' then 'paid' else 'pending' end, 'api', created_at, created_at
          from q
        returning id
      )
      insert into payments (id, order_id, provider, amount_minor, currency, msisdn, status, provider_reference, receipt,
                            attention, expires_at, created_at, updated_at, completed_at)
      select 'pay_' || substr(md5('p' || i), 1, 20), 'ord_' || substr(md5('o' || i), 1, 20), provider,
             (100 + floor(r4 * 50000))::bigint * 100, currency,
             cc || lpad((floor(r1 * 100000000)::bigint % 100000000)::text, 8, '0'),
             status, 'REF' || i, case when status in ('success', 'refunded') then upper(substr(md5('r' || i), 1, 10)) end,
             case when i % 2003 = 0 then 'amount_mismatch' when i % 3001 = 0 then 'contradictory_callback' end,
             created_at + interval '60 seconds', created_at, created_at,
             case when status not in ('pending', 'processing', 'awaiting_otp') then created_at + interval '40 seconds' end
        from q`);
    log(`  seeded ${end.toLocaleString('en')} / ${rows.toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  const building = performance.now();
  for (const index of indexes) await sql.unsafe(index.def);
  log(`  rebuilt ${indexes.length} payment indexes (${((performance.now() - building) / 1000).toFixed(1)} s)`);
  await sql.unsafe('vacuum analyze orders');
  await sql.unsafe('vacuum analyze payments');
}
