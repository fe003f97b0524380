import 'server-only';
import { and, inArray, not, sql } from 'drizzle-orm';
import { loadProviders } from '@/lib/providers/registry';
import type { Db } from '@/db';
import { payments } from '@/db/schema';
import { applyProviderOutcome, NO_FINAL_STATUS } from './apply-outcome';
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
export { NO_FINAL_STATUS };

/** A claimed payment is left alone by other runs this long: longer than any run's provider calls. */
const CLAIM_LEASE_SECONDS = 180;

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
  report.expired += await recoverCrashedStarts(db);
  for (const claim of claimed) {
    const { payment } = claim;
    try {
      await reconcileOne(db, payment, options.giveUpAfterMs ?? 30 * 60_000, report);
    } catch (error) {
      // One bad payment must not stop the others (it is rescheduled below all the same).
      report.errors++;
      logError(`[malipo] reconciling ${payment.id} failed:`, error);
    }
    await releaseClaim(db, claim);
  }
  return report;
}

async function reconcileOne(db: Db, payment: Payment, giveUpAfterMs: number, report: ReconcileReport): Promise<void> {
  const outcome = await queryProvider(db, payment);
  if (outcome) {
    // Decided under the payment's row lock: a callback that settled it meanwhile wins.
    const result = await applyProviderOutcome(db, payment.id, outcome, 'query');
    if (result.applied) report.settled++;
    if (outcome.status !== 'processing') return;
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

/** A start call never takes this long: a payment still `pending` after it lost its process. */
const CRASHED_START_AFTER_MINUTES = 2;

/**
 * A payment still `pending` after a few minutes never got its provider's answer stored: the
 * process died during the call, which may well have reached the provider. A push (M-Pesa,
 * ClickPesa) may be paid right now, so it becomes processing, flagged initiate_unknown: queried
 * where we chose its reference (ClickPesa's orderReference is stored before the call), matched by
 * its late callback otherwise (M-Pesa), and left for a person if neither comes. An OTP start only
 * sends a code, and no money moves until we confirm one, so it is expired as not sent.
 */
async function recoverCrashedStarts(db: Db): Promise<number> {
  const otpProviders = [...(await loadProviders(db, { forOpenAttempts: true })).values()].filter((a) => a.provider?.flow === 'otp').map((a) => a.id as string);
  return db.transaction(async (tx) => {
    const stale = sql`${payments.status} = 'pending' and ${payments.createdAt} < now() - ${CRASHED_START_AFTER_MINUTES} * interval '1 minute'`;
    const isOtp = otpProviders.length > 0 ? inArray(payments.provider, otpProviders) : sql`false`;
    const reopened = await tx
      .update(payments)
      .set({ status: 'processing', attention: 'initiate_unknown', expiresAt: sql`now() + interval '2 minutes'`, nextCheckAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(stale, not(isOtp)))
      .returning();
    for (const p of reopened) {
      await recordEvent(tx, { paymentId: p.id, provider: p.provider, kind: 'status_change', summary: 'pending → processing (the start was interrupted; its outcome is unknown): flagged initiate_unknown' });
      await enqueueStatusWebhook(tx, p);
    }
    const expired = await tx
      .update(payments)
      .set({ status: 'expired', failureCode: 'not_sent', failureMessage: 'The code was never confirmed', completedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(stale, isOtp))
      .returning();
    for (const p of expired) {
      await recordEvent(tx, { paymentId: p.id, provider: p.provider, kind: 'status_change', summary: 'pending → expired (an OTP start interrupted before any code was confirmed)' });
      await enqueueStatusWebhook(tx, p);
    }
    // An OTP payment is `processing` only while its code is being checked: one still so, unflagged,
    // minutes later lost its process mid-call. Without a verdict we cannot know: flag it for a person.
    const cutOff = await tx
      .update(payments)
      .set({ attention: 'unknown_outcome', updatedAt: sql`now()` })
      .where(and(sql`${payments.status} = 'processing' and ${payments.attention} is null and ${payments.updatedAt} < now() - ${CRASHED_START_AFTER_MINUTES} * interval '1 minute'`, isOtp))
      .returning();
    for (const p of cutOff) {
      await recordEvent(tx, { paymentId: p.id, provider: p.provider, kind: 'note', summary: 'code check interrupted before the provider answered: outcome unknown, flagged unknown_outcome' });
    }
    return reopened.length + expired.length;
  });
}

interface Claimed {
  payment: Payment;
  backoffSeconds: number;
  /** next_check_at as the claim set it (whole seconds), to release only our own lease. */
  leaseEpoch: number;
}

/**
 * Claims due rows under a lease (next_check_at pushed past any run's length), so a slow run is
 * never overlapped by another instance's; releaseClaim then sets the real backoff. Open attempts,
 * our own expiries (3 days), failures taken from unsigned callbacks (15 minutes) and payments held
 * for an amount mismatch are all still asked: only the provider's verifiable word ends them.
 */
async function claimDuePayments(db: Db, limit: number): Promise<Claimed[]> {
  const rows = await db.execute<{ id: string; backoff: number; lease: number }>(sql`
    update ${payments} p
       set check_attempts = p.check_attempts + 1,
           next_check_at = date_trunc('second', now()) + ${CLAIM_LEASE_SECONDS} * interval '1 second'
      from (
       select id, least(15 * power(2, check_attempts), case when status = 'processing' then 900 else 3600 end)::int as backoff
         from ${payments}
        where (status = 'processing'
               or (status = 'expired' and failure_code = ${NO_FINAL_STATUS} and created_at > now() - interval '3 days')
               or (status in ('failed', 'cancelled') and notes->>'unverifiedFailure' = 'true' and completed_at > now() - interval '15 minutes'))
          and next_check_at is not null and next_check_at <= now()
        order by next_check_at
        limit ${limit}
        for update skip locked) due
     where p.id = due.id
    returning p.id, due.backoff, extract(epoch from p.next_check_at)::bigint as lease`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { id: string; backoff: number; lease: number }[] }).rows;
  if (list.length === 0) return [];
  const found = await db.query.payments.findMany({ where: (p, { inArray }) => inArray(p.id, list.map((r) => r.id)) });
  const byId = new Map(list.map((r) => [r.id, r]));
  return found.map((payment) => ({ payment, backoffSeconds: Number(byId.get(payment.id)?.backoff ?? 15), leaseEpoch: Number(byId.get(payment.id)?.lease ?? 0) }));
}

/** Ends the lease with the real backoff, unless the run (or a callback) already rescheduled it. */
async function releaseClaim(db: Db, { payment, backoffSeconds, leaseEpoch }: Claimed): Promise<void> {
  await db.execute(sql`
    update ${payments}
       set next_check_at = now() + ${backoffSeconds} * interval '1 second'
     where id = ${payment.id}
       and extract(epoch from next_check_at)::bigint = ${leaseEpoch}`);
}
