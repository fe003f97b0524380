import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { webhookAttempts, webhookOutbox } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { GIVE_UP_AFTER_SECONDS, FIRST_RETRY_SECONDS, retryDelaySeconds, shouldGiveUp } from './backoff';
import { signWebhook } from './signature';
import { checkWebhookTarget } from './target';
import { postPinned } from './pinned-post';
import { logWarn } from '@/lib/server/log';

type OutboxRow = typeof webhookOutbox.$inferSelect;

export interface DeliveryOptions {
  limit?: number;
  /** Overrides for tests; production uses the documented schedule (backoff.ts). */
  firstRetrySeconds?: number;
  giveUpAfterSeconds?: number;
}

export interface DeliveryReport {
  attempted: number;
  delivered: number;
  failed: number;
}

/** Known only to development and tests; production refuses to send without a real secret. */
export const DEVELOPMENT_SIGNING_SECRET = 'whsec_malipo_development_only_not_secret';

export function webhookSigningSecret(): string | null {
  const env = getEnv();
  return env.WEBHOOK_SIGNING_SECRET ?? (env.NODE_ENV === 'production' ? null : DEVELOPMENT_SIGNING_SECRET);
}

/**
 * Sends due merchant webhooks from the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED and
 * leased (next_attempt_at pushed past the attempt's timeout) in one statement, so several app
 * instances never send the same row at once, and a process that dies mid-send only delays it.
 */
export async function deliverDueWebhooks(db: Db, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { attempted: 0, delivered: 0, failed: 0 };
  const secret = webhookSigningSecret();
  if (!secret) {
    warnOnce('[malipo] WEBHOOK_SIGNING_SECRET is not set: merchant webhooks are held (never sent unsigned) until it is.');
    return report;
  }
  const timeoutMs = getEnv().WEBHOOK_TIMEOUT_SECONDS * 1000;
  const claimed = await claimDue(db, options.limit ?? 20, timeoutMs);
  // Different merchants' endpoints are independent: one slow receiver must not hold the others.
  const results = await Promise.all(claimed.map((row) => deliverOne(db, row, secret, timeoutMs, options)));
  for (const result of results) {
    report.attempted++;
    if (result === 'delivered') report.delivered++;
    if (result === 'failed') report.failed++;
  }
  return report;
}

async function claimDue(db: Db, limit: number, timeoutMs: number): Promise<OutboxRow[]> {
  const leaseSeconds = Math.ceil(timeoutMs / 1000) + 30;
  const rows = await db.execute<{ id: number }>(sql`
    update ${webhookOutbox} w
       set attempts = w.attempts + 1,
           next_attempt_at = now() + (${leaseSeconds} * interval '1 second')
     where w.id in (
       select id from ${webhookOutbox}
        where state = 'pending' and next_attempt_at <= now()
          -- One payment's events go out in order: a row waits while an older one is pending.
          and not exists (select 1 from ${webhookOutbox} older
                           where older.payment_id = ${webhookOutbox}.payment_id and older.state = 'pending' and older.id < ${webhookOutbox}.id)
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
    returning w.id`);
  const ids = (Array.isArray(rows) ? rows : (rows as { rows: { id: number }[] }).rows).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.query.webhookOutbox.findMany({ where: (w, { inArray }) => inArray(w.id, ids), orderBy: (w, { asc }) => [asc(w.id)] });
}

async function deliverOne(db: Db, row: OutboxRow, secret: string, timeoutMs: number, options: DeliveryOptions): Promise<'delivered' | 'retry' | 'failed'> {
  const body = JSON.stringify(row.payload);
  const started = Date.now();
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    const target = await checkWebhookTarget(row.url, getEnv().WEBHOOK_ALLOW_PRIVATE_TARGETS);
    if (target.refused !== null) throw new RefusedTarget(target.refused);
    // Sent to the address just checked (no second DNS answer); a redirect is never followed:
    // the merchant must register the final URL.
    const res = await postPinned(row.url, target.pinned, {
      'content-type': 'application/json',
      'user-agent': 'Malipo-Webhooks/1.0',
      'malipo-signature': signWebhook(secret, body),
      'malipo-event-id': `evt_${row.id}`,
      'malipo-event-type': row.eventType,
    }, body, timeoutMs);
    httpStatus = res.status;
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
  } catch (e) {
    if (e instanceof RefusedTarget) error = `refused, not sent: ${e.message}`;
    else error = e instanceof Error && e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : `network error: ${e instanceof Error ? e.message : String(e)}`;
  }
  const durationMs = Date.now() - started;
  await db.insert(webhookAttempts).values({ outboxId: row.id, httpStatus, error, durationMs });
  if (!error) {
    await db.update(webhookOutbox).set({ state: 'delivered', deliveredAt: sql`now()`, lastError: null }).where(eq(webhookOutbox.id, row.id));
    return 'delivered';
  }
  const ageSeconds = (Date.now() - row.createdAt.getTime()) / 1000;
  if (shouldGiveUp(ageSeconds, options.giveUpAfterSeconds ?? GIVE_UP_AFTER_SECONDS)) {
    await db.update(webhookOutbox).set({ state: 'failed', lastError: error }).where(eq(webhookOutbox.id, row.id));
    return 'failed';
  }
  const delay = retryDelaySeconds(row.attempts, options.firstRetrySeconds ?? FIRST_RETRY_SECONDS);
  await db
    .update(webhookOutbox)
    .set({ lastError: error, nextAttemptAt: sql`now() + (${delay} * interval '1 second')` })
    .where(eq(webhookOutbox.id, row.id));
  return 'retry';
}

/** A callback_url that points at a non-public address (see target.ts): recorded as a failed attempt. */
class RefusedTarget extends Error {}

let warned = false;
function warnOnce(message: string): void {
  if (warned) return;
  warned = true;
  logWarn(message);
}
