import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPayments, paymentTotals, iteratePayments, encodeCursor } from '@/lib/payments/list-payments';
import { paymentFiltersSchema, type PaymentFiltersInput } from '@/lib/payments/payment-filters';
import { AppError } from '@/lib/errors';
import { openIsolatedDatabase, type IsolatedDatabase } from '../support/isolated-database';
import { insertPayment } from '../support/payment-fixtures';

let database: IsolatedDatabase;
type Row = Awaited<ReturnType<typeof insertPayment>>;
const all: Row[] = [];
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 0, day, hour));

beforeAll(async () => {
  database = await openIsolatedDatabase('list');
  const { db } = database;
  const specs = [
    { status: 'success', currency: 'KES', provider: 'mpesa', createdAt: at(1), msisdn: '254712345678', receipt: 'QKL1ABCDEF', orderReference: 'ORD-ALPHA1', amountMinor: 150_00 },
    { status: 'failed', currency: 'KES', provider: 'mpesa', createdAt: at(2), msisdn: '254722000111', amountMinor: 99_00 },
    { status: 'success', currency: 'TZS', provider: 'clickpesa', createdAt: at(3), msisdn: '255712345678', providerReference: 'CPX-7788', amountMinor: 5_000_00 },
    { status: 'processing', currency: 'TZS', provider: 'clickpesa', createdAt: at(4), msisdn: '255700000001', expiresAt: at(4, 13) },
    { status: 'success', currency: 'KWD', provider: 'ottu', createdAt: at(5), msisdn: null, amountMinor: 12_345 },
    { status: 'success', currency: 'USD', provider: 'omari', createdAt: at(6), msisdn: '263771234567', attention: 'amount_mismatch', amountMinor: 20_00 },
    { status: 'cancelled', currency: 'GMD', provider: 'qmoney', createdAt: at(7), msisdn: '2207000000' },
    { status: 'success', currency: 'KES', provider: 'mpesa', createdAt: at(8, 23), msisdn: '254712345678', amountMinor: 50_00 },
  ];
  for (const spec of specs) all.push(await insertPayment(db, spec));
  all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
});
afterAll(async () => database?.close());

async function ids(input: PaymentFiltersInput) {
  const page = await listPayments(database.db, paymentFiltersSchema.parse({ limit: '100', ...input }));
  return page.rows.map((r) => r.id);
}
const expected = (pick: (r: Row) => boolean) => all.filter(pick).map((r) => r.id);

describe('listPayments filters', () => {
  it('lists everything newest first with the order reference', async () => {
    const page = await listPayments(database.db, paymentFiltersSchema.parse({ limit: '100' }));
    expect(page.rows.map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(page.rows[page.rows.length - 1]?.orderReference).toBe('ORD-ALPHA1');
    expect(page.nextCursor).toBeNull();
    expect(page.prevCursor).toBeNull();
  });

  it.each([
    ['status', { status: 'success' }, (r: Row) => r.status === 'success'],
    ['currency', { currency: 'TZS' }, (r: Row) => r.currency === 'TZS'],
    ['provider', { provider: 'mpesa' }, (r: Row) => r.provider === 'mpesa'],
    ['from (date: whole day from 00:00 UTC)', { from: '2026-01-05' }, (r: Row) => r.createdAt >= at(5, 0)],
    ['to (date: includes the whole day)', { to: '2026-01-08' }, (r: Row) => r.createdAt < at(9, 0)],
    ['to (instant, inclusive)', { to: at(2).toISOString() }, (r: Row) => r.createdAt <= at(2)],
    ['attention (flagged or stuck)', { attention: '1' }, (r: Row) => r.attention !== null || r.status === 'processing'],
  ] as const)('filters by %s alone', async (_name, filter, pick) => {
    const found = await ids(filter);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(expected(pick));
  });

  it('matches a national-format number in every country we serve (0712... is Kenyan and Tanzanian)', async () => {
    expect(await ids({ q: '0712 345 678' })).toEqual(expected((r) => r.msisdn === '254712345678' || r.msisdn === '255712345678'));
  });

  it.each([
    ['international form', '+254 712 345 678'],
    ['stored form', '254712345678'],
  ])('searches a phone number in %s', async (_name, q) => {
    expect(await ids({ q })).toEqual(expected((r) => r.msisdn === '254712345678'));
  });

  it('searches a Tanzanian number typed nationally', async () => {
    expect(await ids({ q: '0712345678', currency: 'TZS' })).toEqual(expected((r) => r.msisdn === '255712345678'));
  });

  it.each([
    ['order reference (any case)', 'ord-alpha1', (r: Row) => r.orderReference === 'ORD-ALPHA1'],
    ['provider receipt', 'QKL1ABCDEF', (r: Row) => r.receipt === 'QKL1ABCDEF'],
    ['provider reference', 'CPX-7788', (r: Row) => r.providerReference === 'CPX-7788'],
  ] as const)('searches by %s', async (_name, q, pick) => {
    expect(await ids({ q })).toEqual(expected(pick));
  });

  it('searches by payment id', async () => {
    const target = all[3]!;
    expect(await ids({ q: target.id })).toEqual([target.id]);
  });

  it('combines filters with AND', async () => {
    expect(await ids({ status: 'success', currency: 'KES', provider: 'mpesa', from: '2026-01-01', to: '2026-01-07' })).toEqual(
      expected((r) => r.status === 'success' && r.currency === 'KES' && r.createdAt < at(8, 0)),
    );
    expect(await ids({ status: 'success', currency: 'KES', q: '0712345678', from: '2026-01-02' })).toEqual(
      expected((r) => r.status === 'success' && r.msisdn === '254712345678' && r.createdAt >= at(2, 0)),
    );
    expect(await ids({ status: 'failed', currency: 'TZS' })).toEqual([]);
  });

  it('sums per currency with the same filter, and counts what was collected', async () => {
    const totals = await paymentTotals(database.db, paymentFiltersSchema.parse({ from: '2026-01-01', to: '2026-01-08' }));
    const kes = totals.find((t) => t.currency === 'KES');
    expect(kes).toEqual({ currency: 'KES', count: 3, amountMinor: 150_00 + 99_00 + 50_00, successCount: 2, successMinor: 200_00 });
    expect(totals.map((t) => t.currency)).toEqual(['GMD', 'KES', 'KWD', 'TZS', 'USD']);
    const onlyKwd = await paymentTotals(database.db, paymentFiltersSchema.parse({ currency: 'KWD' }));
    expect(onlyKwd).toEqual([{ currency: 'KWD', count: 1, amountMinor: 12_345, successCount: 1, successMinor: 12_345 }]);
  });

  it('refuses a forged cursor with a validation error', async () => {
    const forged = Buffer.from('not a cursor').toString('base64url');
    await expect(listPayments(database.db, paymentFiltersSchema.parse({ cursor: forged }))).rejects.toBeInstanceOf(AppError);
  });
});

describe('keyset pagination', () => {
  it('walks every row exactly once, forwards and back, with ties on created_at', async () => {
    const { db } = database;
    const tie = new Date(Date.UTC(2025, 5, 1, 8, 0, 0, 123));
    const tied: Row[] = [];
    for (let i = 0; i < 7; i++) tied.push(await insertPayment(db, { createdAt: tie, currency: 'GMD' }));
    const want = (await ids({ currency: 'GMD' }));
    expect(want).toHaveLength(8);

    const seen: string[] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listPayments(db, paymentFiltersSchema.parse({ currency: 'GMD', limit: '3', cursor }));
      cursors.push(page.prevCursor);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(want);
    expect(cursors[0]).toBeNull();

    // From the last page back to the first with dir=prev.
    const back: string[][] = [];
    let prev = cursor;
    let dir: 'prev' | 'next' = 'next';
    const lastPage = await listPayments(db, paymentFiltersSchema.parse({ currency: 'GMD', limit: '3', cursor: prev, dir }));
    back.unshift(lastPage.rows.map((r) => r.id));
    prev = lastPage.prevCursor ?? undefined;
    dir = 'prev';
    while (prev) {
      const page = await listPayments(db, paymentFiltersSchema.parse({ currency: 'GMD', limit: '3', cursor: prev, dir }));
      back.unshift(page.rows.map((r) => r.id));
      prev = page.prevCursor ?? undefined;
    }
    expect(back.flat()).toEqual(want);
  });

  it('has no gaps or repeats while payments are being inserted', async () => {
    const { db } = database;
    const base = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 60; i++) await insertPayment(db, { currency: 'USD', provider: 'omari', createdAt: new Date(base + (i % 20) * 1000) });
    const before = await ids({ currency: 'USD', provider: 'omari' });
    expect(before.length).toBe(61);

    let inserting = true;
    let inserted = 0;
    const writer = (async () => {
      while (inserting) {
        // Newer than anything listed, and some landing exactly on timestamps already listed.
        await insertPayment(db, { currency: 'USD', provider: 'omari', createdAt: inserted % 2 ? new Date() : new Date(base + (inserted % 20) * 1000) });
        inserted++;
      }
    })();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listPayments(db, paymentFiltersSchema.parse({ currency: 'USD', provider: 'omari', limit: '7', cursor }));
      seen.push(...page.rows.map((r) => r.id));
      await new Promise((r) => setTimeout(r, 5));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    inserting = false;
    await writer;
    expect(inserted).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  });

  it('iterates all rows in batches for exports', async () => {
    const batches: number[] = [];
    const seen: string[] = [];
    for await (const batch of iteratePayments(database.db, { currency: 'GMD' }, 3)) {
      batches.push(batch.length);
      seen.push(...batch.map((r) => r.id));
    }
    expect(batches).toEqual([3, 3, 2]);
    expect(seen).toEqual(await ids({ currency: 'GMD' }));
  });

  it('encodes cursors opaquely', () => {
    expect(encodeCursor('2026-01-01T00:00:00.000000Z', 'pay_x')).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
