import 'server-only';
import { and, eq, getTableColumns, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { orders, payments } from '@/db/schema';
import { PROVIDER_IDS } from '@/lib/providers/types';
import { invalid } from '@/lib/errors';
import { rangeEnd, rangeEndInclusive, rangeStart, type PaymentFilters, type PaymentSelection } from './payment-filters';
import { searchTerms } from './payment-search';
import type { Payment } from './payment-store';
import { STUCK_AFTER_MS, WAITING_STATUSES } from './stuck';

export type PaymentListRow = Payment & { orderReference: string };

export interface PaymentPage {
  rows: PaymentListRow[];
  /** Cursor of the next (older) page, null on the last page. */
  nextCursor: string | null;
  /** Cursor of the previous (newer) page, null on the first page. */
  prevCursor: string | null;
}

export interface CurrencyTotal {
  currency: string;
  count: number;
  amountMinor: number;
  /** Of which collected (status success). */
  successCount: number;
  successMinor: number;
}

export interface ListOptions {
  /** Extra conditions a caller adds (the merchant API may scope to its key). */
  where?: SQL[];
}

/**
 * THE filter → SQL translation, shared by the list, the totals and the CSV export so they can
 * never disagree about which payments "the current filter" means.
 */
export function paymentConditions(selection: PaymentSelection, extra: SQL[] = []): SQL | undefined {
  const conditions: (SQL | undefined)[] = [...extra];
  if (selection.status) conditions.push(eq(payments.status, selection.status));
  if (selection.currency) conditions.push(eq(payments.currency, selection.currency));
  if (selection.provider) conditions.push(eq(payments.provider, selection.provider));
  if (selection.from) conditions.push(gte(payments.createdAt, rangeStart(selection.from)));
  if (selection.to) {
    const end = rangeEnd(selection.to);
    conditions.push(rangeEndInclusive(selection.to) ? lte(payments.createdAt, end) : lt(payments.createdAt, end));
  }
  if (selection.q) conditions.push(searchCondition(selection.q));
  if (selection.attention) conditions.push(needsAttention());
  return and(...conditions);
}

function searchCondition(q: string): SQL | undefined {
  const { msisdns, texts } = searchTerms(q);
  return or(
    msisdns.length ? inArray(payments.msisdn, msisdns) : undefined,
    inArray(payments.id, texts),
    inArray(payments.receipt, texts),
    // Provider references are unique per provider; naming every provider lets the lookup use
    // the (provider, provider_reference) index instead of scanning.
    and(inArray(payments.provider, [...PROVIDER_IDS]), inArray(payments.providerReference, texts)),
    // = any(array(subquery)) runs once as an InitPlan, so this arm stays an index lookup that
    // can join the others in a BitmapOr (an IN-subquery inside OR forces a sequential scan).
    sql`${payments.orderId} = any(array(select ${orders.id} from ${orders} where ${inArray(orders.reference, texts)}))`,
  );
}

/** Flagged by the payment core, or waiting well past the prompt's expiry (see stuck.ts). */
export function needsAttention(): SQL {
  const stuckBefore = sql`now() - ${`${STUCK_AFTER_MS} milliseconds`}::interval`;
  return sql`(${isNotNull(payments.attention)} or (${inArray(payments.status, [...WAITING_STATUSES])} and coalesce(${payments.expiresAt}, ${payments.createdAt}) < ${stuckBefore}))`;
}

// The cursor carries created_at to the microsecond (a JS Date would round it to the
// millisecond and skip or repeat rows that share it) plus the id as tie-breaker.
const cursorKey = sql<string>`to_char(${payments.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const cursorInstant = z.iso.datetime({ precision: 6 });

export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  // A strict ISO check, not just a shape: 2026-13-45T99:... would otherwise fail the SQL cast (500).
  if (extra !== undefined || !createdAt || !id || !cursorInstant.safeParse(createdAt).success || !/^[\w-]{1,64}$/.test(id)) {
    throw invalid('cursor', 'is not a valid cursor');
  }
  return { createdAt, id };
}

// Spelled to match the indexes exactly (drizzle-kit made them "DESC NULLS LAST"): a plain
// "DESC" means NULLS FIRST, which the planner will not serve from those indexes, and every
// page would become a sort of the whole filtered table.
const NEWEST_FIRST = [sql`${payments.createdAt} desc nulls last`, sql`${payments.id} desc nulls last`];
const OLDEST_FIRST = [sql`${payments.createdAt} asc nulls first`, sql`${payments.id} asc nulls first`];

/**
 * One page of payments, newest first, by keyset on (created_at desc, id desc): page 10,000 costs
 * what page 1 costs. `dir: 'prev'` walks back towards newer payments from the cursor.
 */
export async function listPayments(db: DbOrTx, filters: PaymentFilters, options: ListOptions = {}): Promise<PaymentPage> {
  const { cursor, dir, limit, ...selection } = filters;
  const position = cursor ? decodeCursor(cursor) : null;
  const backwards = position !== null && dir === 'prev';
  const keyset = position
    ? backwards
      ? sql`(${payments.createdAt}, ${payments.id}) > (${position.createdAt}::timestamptz, ${position.id})`
      : sql`(${payments.createdAt}, ${payments.id}) < (${position.createdAt}::timestamptz, ${position.id})`
    : undefined;
  const fetched = await db
    .select({ ...getTableColumns(payments), orderReference: orders.reference, cursorKey })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(paymentConditions(selection, options.where), keyset))
    .orderBy(...(backwards ? OLDEST_FIRST : NEWEST_FIRST))
    .limit(limit + 1);
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const rows = page.map(withoutCursorKey);
  return {
    rows,
    nextCursor: last && (backwards ? true : more) ? encodeCursor(last.cursorKey, last.id) : null,
    prevCursor: first && (backwards ? more : position !== null) ? encodeCursor(first.cursorKey, first.id) : null,
  };
}

function withoutCursorKey<T extends { cursorKey: string }>(row: T): Omit<T, 'cursorKey'> {
  const copy: Partial<T> = { ...row };
  delete copy.cursorKey;
  return copy as Omit<T, 'cursorKey'>;
}

/** Count and sum per currency of everything the filter selects (all pages). */
export async function paymentTotals(db: DbOrTx, selection: PaymentSelection, options: ListOptions = {}): Promise<CurrencyTotal[]> {
  const rows = await db
    .select({
      currency: payments.currency,
      count: sql<string>`count(*)`,
      amountMinor: sql<string>`coalesce(sum(${payments.amountMinor}), 0)`,
      successCount: sql<string>`count(*) filter (where ${payments.status} = 'success')`,
      successMinor: sql<string>`coalesce(sum(${payments.amountMinor}) filter (where ${payments.status} = 'success'), 0)`,
    })
    .from(payments)
    .where(paymentConditions(selection, options.where))
    .groupBy(payments.currency)
    .orderBy(payments.currency);
  return rows.map((r) => ({
    currency: r.currency,
    count: Number(r.count),
    amountMinor: Number(r.amountMinor),
    successCount: Number(r.successCount),
    successMinor: Number(r.successMinor),
  }));
}

/**
 * Every payment the filter selects, newest first, fetched in keyset batches: memory stays at
 * one batch whatever the row count (the CSV export streams from this).
 */
export async function* iteratePayments(db: DbOrTx, selection: PaymentSelection, batchSize = 1000, options: ListOptions = {}): AsyncGenerator<PaymentListRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listPayments(db, { ...selection, cursor, dir: 'next', limit: batchSize }, options);
    if (page.rows.length > 0) yield page.rows;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
