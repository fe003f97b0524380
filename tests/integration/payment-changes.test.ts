// The payments trigger and the process's one LISTEN (issue 8 §7), on PostgreSQL and on embedded
// PGlite alike: a watched payment wakes its waiters when a shown column changes, and only then.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '@/db';
import { payments } from '@/db/schema';
import { startPaymentChangeHub, type PaymentChangeHub } from '@/lib/payments/payment-changes';
import { openIsolatedDatabase } from '../support/isolated-database';
import { insertPayment } from '../support/payment-fixtures';

async function openPglite(): Promise<Database> {
  const database = await openDatabase({ pgliteDir: 'memory://' });
  await migrateDatabase(database);
  return database;
}

describe.each([
  ['PostgreSQL (or PGlite when it is not reachable)', () => openIsolatedDatabase('changes')],
  ['embedded PGlite', openPglite],
])('payment changes on %s', (_label, open) => {
  let database: Database;
  let hub: PaymentChangeHub;

  beforeAll(async () => {
    database = await open();
    hub = await startPaymentChangeHub(database, { maxWaiters: 3 });
  });
  afterAll(async () => {
    await hub?.close();
    await database?.close();
  });

  const processing = () => insertPayment(database.db, { status: 'processing', receipt: null });

  it('wakes a waiter within a second of a status change', async () => {
    const payment = await processing();
    const watch = hub.watch(payment.id)!;
    const started = Date.now();
    const waited = watch.changed(5000);
    setTimeout(() => void database.db.update(payments).set({ status: 'success' }).where(eq(payments.id, payment.id)).then(() => {}), 300);
    expect(await waited).toBe('changed');
    expect(Date.now() - started).toBeLessThan(1300);
    watch.release();
  });

  it('remembers a change that came before the wait began', async () => {
    const payment = await processing();
    const watch = hub.watch(payment.id)!;
    await database.db.update(payments).set({ attention: 'amount_mismatch' }).where(eq(payments.id, payment.id));
    await new Promise((r) => setTimeout(r, 200));
    expect(await watch.changed(2000)).toBe('changed');
    watch.release();
  });

  it('ignores columns the sheet does not show, and other payments', async () => {
    const [mine, other] = [await processing(), await processing()];
    const watch = hub.watch(mine.id)!;
    await database.db.update(payments).set({ nextCheckAt: new Date(), checkAttempts: 3 }).where(eq(payments.id, mine.id));
    await database.db.update(payments).set({ status: 'failed' }).where(eq(payments.id, other.id));
    expect(await watch.changed(800)).toBe('timeout');
    watch.release();
  });

  it('stops waiting when the request is aborted, and refuses waiters beyond its cap', async () => {
    const payment = await processing();
    const abort = new AbortController();
    const watches = [hub.watch(payment.id)!, hub.watch(payment.id)!, hub.watch(payment.id)!];
    expect(hub.watch(payment.id)).toBeNull();
    setTimeout(() => abort.abort(), 100);
    expect(await watches[0]!.changed(5000, abort.signal)).toBe('aborted');
    watches.forEach((w) => w.release());
    expect(hub.waiting).toBe(0);
    const again = hub.watch(payment.id);
    expect(again).not.toBeNull();
    again?.release();
  });
});
