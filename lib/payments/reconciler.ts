import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { payments } from '@/db/schema';
import { applyProviderOutcome } from './apply-outcome';
import { recordEvent } from './events';
import { patchPayment, type Payment } from './payment-store';
import { queryProvider } from './refresh';
import { enqueueStatusWebhook } from './webhook-outbox';
import { logError } from '@/lib/server/log';

export interface ReconcileOptions {
  /** At most this many payments per run. */
  limit?: number;
  /** A payment still open this long after its prompt expired is given up as expired. */
  giveUpAfterMs?: number;
}

export interface ReconcileReport {
  checked: number;
  settled: number;
  expired: number;
  errors: number;
}

/** Our own verdict when a provider stayed silent: such payments are still re-queried for a while. */
export const NO_FINAL_STATUS = 'no_final_status';

/**
 * Finds payments stuck in processing whose next check is due and asks their provider, backing
 * off 15 s, 30 s, 1 min, 2 min ... up to 15 min between checks of one payment (hourly for those
 * we expired ourselves, for 3 days). Payments held for an amount mismatch are left to a person. Rows are
 * claimed with FOR UPDATE SKIP LOCKED and rescheduled in the same statement, so several app
 * instances (or a cron route and a timer) running at once never query the same payment twice.
 */
export async function reconcileDuePayments(db: Db, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const claimed = await claimDuePayments(db, options.limit ?? 25);
  const report: ReconcileReport = { checked: claimed.length, settled: 0, expired: 0, errors: 0 };
  report.expired += await expireStalePending(db);
  for (const payment of claimed) {
    try {
      await reconcileOne(db, payment, options.giveUpAfterMs ?? 30 * 60_000, report);
    } catch (error) {
      // One bad payment must not stop the others (it is rescheduled by the claim already).
      report.errors++;
      logError(`[malipo] reconciling ${payment.id} failed:`, error);
    }
  }
  return report;
}

async function reconcileOne(db: Db, payment: Payment, giveUpAfterMs: number, report: ReconcileReport): Promise<void> {
  const outcome = await queryProvider(db, payment);
  if (outcome && outcome.status !== 'processing') {
    const result = await applyProviderOutcome(db, payment.id, outcome, 'query');
    if (result.applied) report.settled++;
    return;
  }
  if (payment.status !== 'processing') return;
  const deadline = (payment.expiresAt?.getTime() ?? payment.createdAt.getTime()) + giveUpAfterMs;
  if (Date.now() <= deadline) return;
  const result = await applyProviderOutcome(db, payment.id, { status: 'expired', code: NO_FINAL_STATUS, message: 'The provider gave no final status in time' }, 'query');
  if (!result.applied) return;
  report.expired++;
  // Keep asking, more slowly, for a few days: a provider that was down may still confirm the money.
  await patchPayment(db, payment.id, { nextCheckAt: new Date(Date.now() + 60 * 60_000) });
  await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary: 'expired by the reconciler; still queried hourly for 3 days, and a confirmed success will complete it' });
}

/**
 * A payment still `pending` after 10 minutes never got an answer from its provider's initiate
 * call (the process died mid-request). It is expired and flagged: if the provider did act on it,
 * its callback arrives for an unknown reference and is recorded for a person to match.
 */
async function expireStalePending(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const stale = await tx
      .update(payments)
      .set({ status: 'expired', failureCode: 'not_sent', failureMessage: 'No answer from the provider when the payment was started', attention: 'stale_pending', completedAt: sql`now()`, updatedAt: sql`now()` })
      .where(sql`${payments.status} = 'pending' and ${payments.createdAt} < now() - interval '10 minutes'`)
      .returning();
    for (const p of stale) {
      await recordEvent(tx, { paymentId: p.id, provider: p.provider, kind: 'status_change', summary: 'pending → expired (never confirmed as sent)' });
      await enqueueStatusWebhook(tx, p);
    }
    return stale.length;
  });
}

async function claimDuePayments(db: Db, limit: number): Promise<Payment[]> {
  const rows = await db.execute<{ id: string }>(sql`
    update ${payments} p
       set check_attempts = p.check_attempts + 1,
           next_check_at = now() + (least(15 * power(2, p.check_attempts), case when p.status = 'expired' then 3600 else 900 end) * interval '1 second')
     where p.id in (
       select id from ${payments}
        where (status = 'processing'
               or (status = 'expired' and failure_code = ${NO_FINAL_STATUS} and created_at > now() - interval '3 days'))
          and attention is distinct from 'amount_mismatch'
          and next_check_at is not null and next_check_at <= now()
        order by next_check_at
        limit ${limit}
        for update skip locked)
    returning p.id`);
  const ids = (Array.isArray(rows) ? rows : (rows as { rows: { id: string }[] }).rows).map((r) => r.id);
  if (ids.length === 0) return [];
  return db.query.payments.findMany({ where: (p, { inArray }) => inArray(p.id, ids) });
}
