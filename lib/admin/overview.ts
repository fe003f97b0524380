import 'server-only';
import { and, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { payments } from '@/db/schema';

export const RANGES = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 } as const;
export type RangeKey = keyof typeof RANGES;

export const overviewParamsSchema = z.object({
  range: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(Object.keys(RANGES) as [RangeKey, ...RangeKey[]]).catch('30d')),
  currency: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().regex(/^[A-Z]{3}$/).optional().catch(undefined)),
});

export interface DailyRow {
  day: string; // YYYY-MM-DD (UTC)
  provider: string;
  currency: string;
  total: number;
  settled: number;
  succeeded: number;
  collectedMinor: number;
}

export interface Overview {
  days: string[];
  rows: DailyRow[];
  from: Date;
  to: Date;
}

/** The window ending today (UTC) inclusive: `days` whole days. */
export function rangeWindow(days: number, now = new Date()): { from: Date; to: Date; days: string[] } {
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 86_400_000;
  const start = end - days * 86_400_000;
  const list = Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
  return { from: new Date(start), to: new Date(end), days: list };
}

/**
 * Daily counts and collected amounts per provider and currency over the window: one grouped
 * scan of the window's rows (the created_at index bounds it), charts are drawn from this.
 */
export async function loadOverview(db: DbOrTx, days: number, now = new Date()): Promise<Overview> {
  const window = rangeWindow(days, now);
  const day = sql<string>`to_char(date_trunc('day', ${payments.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      day,
      provider: payments.provider,
      currency: payments.currency,
      total: sql<string>`count(*)`,
      settled: sql<string>`count(*) filter (where ${payments.status} in ('success', 'failed', 'cancelled', 'expired', 'refunded', 'partially_refunded'))`,
      succeeded: sql<string>`count(*) filter (where ${payments.status} in ('success', 'refunded', 'partially_refunded'))`,
      collectedMinor: sql<string>`coalesce(sum(${payments.amountMinor}) filter (where ${payments.status} in ('success', 'refunded', 'partially_refunded')), 0)`,
    })
    .from(payments)
    .where(and(gte(payments.createdAt, window.from), lt(payments.createdAt, window.to)))
    .groupBy(day, payments.provider, payments.currency);
  return {
    days: window.days,
    from: window.from,
    to: window.to,
    rows: rows.map((r) => ({
      day: r.day,
      provider: r.provider,
      currency: r.currency,
      total: Number(r.total),
      settled: Number(r.settled),
      succeeded: Number(r.succeeded),
      collectedMinor: Number(r.collectedMinor),
    })),
  };
}

export interface Series {
  name: string;
  points: (number | null)[];
}

/** Collected amount per day in one currency (minor units), one series per provider. */
export function volumeSeries(overview: Overview, currency: string): Series[] {
  return seriesBy(overview, (rows) => rows.filter((r) => r.currency === currency).reduce((sum, r) => sum + r.collectedMinor, 0), true);
}

/** Success rate per day (succeeded / settled, in %), one series per provider; null on days with nothing settled. */
export function successRateSeries(overview: Overview): Series[] {
  return seriesBy(overview, (rows) => {
    const settled = rows.reduce((s, r) => s + r.settled, 0);
    return settled === 0 ? null : (100 * rows.reduce((s, r) => s + r.succeeded, 0)) / settled;
  }, false);
}

function seriesBy(overview: Overview, value: (rows: DailyRow[]) => number | null, dropEmpty: boolean): Series[] {
  const byKey = new Map<string, DailyRow[]>();
  for (const r of overview.rows) {
    const key = `${r.provider}|${r.day}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const providers = [...new Set(overview.rows.map((r) => r.provider))].sort();
  return providers
    .map((provider) => ({
      name: provider,
      points: overview.days.map((d) => value(byKey.get(`${provider}|${d}`) ?? [])),
    }))
    .filter((s) => !dropEmpty || s.points.some((p) => (p ?? 0) > 0));
}

export interface Kpis {
  total: number;
  settled: number;
  succeeded: number;
  collected: { currency: string; minor: number }[];
}

export function kpis(overview: Overview): Kpis {
  const collected = new Map<string, number>();
  for (const r of overview.rows) collected.set(r.currency, (collected.get(r.currency) ?? 0) + r.collectedMinor);
  return {
    total: overview.rows.reduce((s, r) => s + r.total, 0),
    settled: overview.rows.reduce((s, r) => s + r.settled, 0),
    succeeded: overview.rows.reduce((s, r) => s + r.succeeded, 0),
    collected: [...collected.entries()].map(([currency, minor]) => ({ currency, minor })).sort((a, b) => b.minor - a.minor),
  };
}
