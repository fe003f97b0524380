import type { Sql } from 'postgres';
import type { Db } from '@/db';
import { paymentsCsvStream } from '@/lib/admin/csv';
import { loadOverview } from '@/lib/admin/overview';
import { listPayments, paymentTotals } from '@/lib/payments/list-payments';
import { paymentFiltersSchema, selectionOf, type PaymentFiltersInput } from '@/lib/payments/payment-filters';
import { mb, ms, planNodeTypes, time, type Timing } from './measure';

interface Context {
  db: Db;
  client: Sql;
  captured: { sql: string; params: unknown[] };
  log: (line: string) => void;
  cursorAt: (offset: number, where: string) => Promise<string>;
}

const PAGE = 25;
const DEEP_PAGES = 10_000;

export async function runScenarios(ctx: Context): Promise<void> {
  const { db, client, log } = ctx;
  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  const [sample] = await client<{ msisdn: string; receipt: string; ref: string }[]>`
    select p.msisdn, p.receipt, o.reference as ref from payments p join orders o on o.id = p.order_id
     where p.receipt is not null order by p.created_at desc offset 5000 limit 1`;
  if (!sample) throw new Error('no sample payment');

  const lists: [string, PaymentFiltersInput][] = [
    ['no filter, first page', {}],
    ['status=success', { status: 'success' }],
    ['status=failed & currency=KES', { status: 'failed', currency: 'KES' }],
    ['provider=omari', { provider: 'omari' }],
    ['currency=TZS, last 30 days', { currency: 'TZS', from: daysAgo(30) }],
    ['status+currency+provider+date range', { status: 'cancelled', currency: 'USD', provider: 'ottu', from: daysAgo(200), to: daysAgo(100) }],
    ['search: phone (international form)', { q: `+${sample.msisdn}` }],
    ['search: receipt', { q: sample.receipt }],
    ['search: order reference', { q: sample.ref }],
    ['needs attention', { attention: '1' }],
  ];

  log('\n## List query (one page of 25, newest first)\n');
  log('| filter | rows | p50 | p95 | plan |');
  log('|---|---|---|---|---|');
  for (const [label, input] of lists) {
    const filters = paymentFiltersSchema.parse(input);
    let count = 0;
    const t = await time(async () => (count = (await listPayments(db, filters)).rows.length));
    log(`| ${label} | ${count} | ${ms(t.p50)} | ${ms(t.p95)} | ${await plan(ctx)} |`);
  }

  log(`\n## Keyset depth: page 1 vs page ${DEEP_PAGES.toLocaleString('en')} (${(DEEP_PAGES * PAGE).toLocaleString('en')} rows deep)\n`);
  log('| filter | page 1 p50 / p95 | deep page p50 / p95 | ratio (p95) | deep plan |');
  log('|---|---|---|---|---|');
  for (const [label, input, where] of [
    ['no filter', {}, ''],
    ['status=success', { status: 'success' }, `where status = 'success'`],
    ['currency=KES', { currency: 'KES' }, `where currency = 'KES'`],
  ] as [string, PaymentFiltersInput, string][]) {
    const first = paymentFiltersSchema.parse(input);
    const deep = paymentFiltersSchema.parse({ ...input, cursor: await ctx.cursorAt(DEEP_PAGES * PAGE - 1, where) });
    const a = await time(() => listPayments(db, first));
    const b = await time(() => listPayments(db, deep));
    log(`| ${label} | ${ms(a.p50)} / ${ms(a.p95)} | ${ms(b.p50)} / ${ms(b.p95)} | ${(b.p95 / a.p95).toFixed(2)}× | ${await plan(ctx)} |`);
  }

  log('\n## Totals per currency (whole filter) and overview\n');
  log('| query | p50 | p95 | plan |');
  log('|---|---|---|---|');
  const aggregates: [string, () => Promise<unknown>][] = [
    ['totals, last 30 days', () => paymentTotals(db, selectionOf(paymentFiltersSchema.parse({ from: daysAgo(30) })))],
    ['totals, status=failed & KES, last 30 days', () => paymentTotals(db, selectionOf(paymentFiltersSchema.parse({ status: 'failed', currency: 'KES', from: daysAgo(30) })))],
    ['totals, search by phone', () => paymentTotals(db, selectionOf(paymentFiltersSchema.parse({ q: sample.msisdn })))],
    ['totals, no filter (all 1 M)', () => paymentTotals(db, {})],
    ['overview, 30 days', () => loadOverview(db, 30)],
    ['overview, 365 days', () => loadOverview(db, 365)],
  ];
  for (const [label, run] of aggregates) {
    const t: Timing = await time(run, label.includes('1 M') || label.includes('365') ? 5 : 20, 2);
    log(`| ${label} | ${ms(t.p50)} | ${ms(t.p95)} | ${await plan(ctx)} |`);
  }

  log('\n## CSV export (streamed, keyset batches of 1,000)\n');
  log('| selection | rows | bytes | time | rows/s | heap before → peak | RSS peak |');
  log('|---|---|---|---|---|---|---|');
  for (const [label, input] of [
    ['last 30 days', { from: daysAgo(30) }],
    ['currency=KES (all year)', { currency: 'KES' }],
    ['everything', {}],
  ] as [string, PaymentFiltersInput][]) {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeap = heapBefore;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }, 20);
    const started = performance.now();
    let bytes = 0;
    let lines = 0;
    const reader = paymentsCsvStream(db, selectionOf(paymentFiltersSchema.parse(input)), 'admin').getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    log(`| ${label} | ${(lines - 1).toLocaleString('en')} | ${mb(bytes)} | ${seconds.toFixed(1)} s | ${Math.round((lines - 1) / seconds).toLocaleString('en')} | ${mb(heapBefore)} → ${mb(peakHeap)} | ${mb(peakRss)} |`);
  }
}

/** Node types of the last query's plan (EXPLAIN ANALYZE, JSON), compacted. */
async function plan(ctx: Context): Promise<string> {
  const { sql, params } = ctx.captured;
  const [row] = await ctx.client.unsafe(`explain (analyze, format json) ${sql}`, params as never[]);
  const root = (row as Record<string, { Plan: Parameters<typeof planNodeTypes>[0] }[]> | undefined)?.['QUERY PLAN']?.[0]?.Plan;
  return root ? compact(planNodeTypes(root)).join(' › ') : '?';
}

function compact(nodes: string[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (last === n || last?.startsWith(`${n} ×`)) {
      const count = last === n ? 2 : Number(last?.split('×')[1] ?? 1) + 1;
      out[out.length - 1] = `${n} ×${count}`;
    } else out.push(n);
  }
  return out;
}
