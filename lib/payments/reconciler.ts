import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { payments } from '@/db/schema';
import { applyProviderOutcome } from './apply-outcome';
import { recordEvent } from './events';
import type { Payment } from './payment-store';
import { queryProvider } from './refresh';
import { enqueueStatusWebhook } from './webhook-outbox';

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
}

/**
 * Finds payments stuck in processing whose next check is due and asks their provider, backing
 * off 15 s, 30 s, 1 min, 2 min ... up to 15 min between checks of one payment. Rows are
 * claimed with FOR UPDATE SKIP LOCKED and rescheduled in the same statement, so several app
 * instances (or a cron route and a timer) running at once never query the same payment twice.
 */
export async function reconcileDuePayments(db: Db, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const claimed = await claimDuePayments(db, options.limit ?? 25);
  const report: ReconcileReport = { checked: claimed.length, settled: 0, expired: 0 };
  report.expired += await expireStalePending(db);
  const giveUpAfterMs = options.giveUpAfterMs ?? 30 * 60_000;
  for (const payment of claimed) {
    const outcome = await queryProvider(db, payment);
    if (outcome && outcome.status !== 'processing') {
      const result = await applyProviderOutcome(db, payment.id, outcome, 'query');
      if (result.applied) report.settled++;
      continue;
    }
    const deadline = (payment.expiresAt?.getTime() ?? payment.createdAt.getTime()) + giveUpAfterMs;
    if (Date.now() > deadline) {
      const result = await applyProviderOutcome(db, payment.id, { status: 'expired', code: 'no_final_status', message: 'The provider gave no final status in time' }, 'query');
      if (result.applied) {
        report.expired++;
        await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary: 'expired by the reconciler; a later confirmed success will still complete it' });
      }
    }
  }
  return report;
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
           next_check_at = now() + (least(15 * power(2, p.check_attempts), 900) * interval '1 second')
     where p.id in (
       select id from ${payments}
        where status = 'processing' and attention is null
          and next_check_at is not null and next_check_at <= now()
        order by next_check_at
        limit ${limit}
        for update skip locked)
    returning p.id`);
  const ids = (Array.isArray(rows) ? rows : (rows as { rows: { id: string }[] }).rows).map((r) => r.id);
  if (ids.length === 0) return [];
  return db.query.payments.findMany({ where: (p, { inArray }) => inArray(p.id, ids) });
}
