import 'server-only';
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { idempotencyKeys } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { errorResponse } from './envelope';
import { IDEMPOTENCY_KEY_PATTERN, requestFingerprint } from './idempotency-hash';
import { logError } from '@/lib/server/log';

/** A stored answer is replayed for this long (the issue asks for at least 24 h). */
export const IDEMPOTENCY_TTL_HOURS = 24;
/**
 * A running request renews its claim (heartbeat) every third of the lease; a claim whose
 * heartbeat stopped for a whole lease died with its process, and its key may be taken over.
 * Until then a second request gets 409. Short, so a merchant's retry after our crash is not
 * blocked for long; the heartbeat keeps a slow provider call from losing its key.
 */
export function inFlightLeaseSeconds(): number {
  return getEnv().IDEMPOTENCY_LEASE_SECONDS;
}

export interface IdempotencyScope {
  apiKeyId: number;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

/**
 * A request may bind its key to the resource it created (a payment row) as soon as it exists:
 * from then on money may move, so the key is never freed again. If the request then fails (5xx)
 * or dies, a retry with the key is answered with that resource's current state instead of
 * running again. The binding sits in response_body while the row is in_flight; state `bound`
 * means the request ended without an answer to store.
 */
interface Binding {
  bound_to: string;
}

const leaseOver = () => sql`${idempotencyKeys.heartbeatAt} < now() - ${`${inFlightLeaseSeconds()} seconds`}::interval`;
/** Past its replay window, or claimed by a request that died before answering or binding. */
const staleCondition = () => sql`(${idempotencyKeys.expiresAt} <= now() or (${idempotencyKeys.state} = 'in_flight' and ${idempotencyKeys.responseBody} is null and ${leaseOver()}))`;

export type IdempotencyStart = { kind: 'proceed' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'bound'; resourceId: string };

function boundTo(body: unknown): string | null {
  return body !== null && typeof body === 'object' && typeof (body as Binding).bound_to === 'string' ? (body as Binding).bound_to : null;
}

export function readIdempotencyKey(req: Request): string | null {
  const key = req.headers.get('idempotency-key');
  if (key === null) return null;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new AppError('validation_error', 'Idempotency-Key must be 1-255 printable ASCII characters', 'Idempotency-Key');
  return key;
}

/**
 * Claims the key for this request, or says what to do instead. The claim is one INSERT on the
 * (api_key_id, key) primary key, so of any number of concurrent requests exactly one proceeds.
 */
export async function beginIdempotent(db: Db, scope: IdempotencyScope): Promise<IdempotencyStart> {
  for (let round = 0; round < 3; round++) {
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ apiKeyId: scope.apiKeyId, key: scope.key, method: scope.method, path: scope.path, requestHash: scope.fingerprint, state: 'in_flight', expiresAt: sql`now() + ${`${IDEMPOTENCY_TTL_HOURS} hours`}::interval` })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length > 0) return { kind: 'proceed' };

    const [existing] = await db
      .select({
        requestHash: idempotencyKeys.requestHash,
        method: idempotencyKeys.method,
        path: idempotencyKeys.path,
        state: idempotencyKeys.state,
        responseStatus: idempotencyKeys.responseStatus,
        responseBody: idempotencyKeys.responseBody,
        stale: sql<boolean>`${staleCondition()}`,
        leaseOver: sql<boolean>`${leaseOver()}`,
      })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key)));
    if (!existing) continue; // deleted in between (released after a 5xx): claim again
    if (existing.stale) {
      // Stale: delete only that stale row (another request may be doing the same), then claim.
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key), staleCondition()));
      continue;
    }
    if (existing.requestHash !== scope.fingerprint || existing.method !== scope.method || existing.path !== scope.path) {
      throw new AppError('unprocessable', 'this Idempotency-Key was already used with a different request (method, path or body); use a new key for a new request', 'Idempotency-Key');
    }
    const bound = existing.state === 'done' ? null : boundTo(existing.responseBody);
    // Ended with a 5xx after binding, or died after binding: the resource answers, nothing reruns.
    if (bound && (existing.state === 'bound' || existing.leaseOver)) return { kind: 'bound', resourceId: bound };
    if (existing.state !== 'done' || existing.responseStatus === null) {
      throw new AppError('idempotency_conflict', 'a request with this Idempotency-Key is still being processed; retry in a moment to get its result', 'Idempotency-Key', { retryAfter: 1 });
    }
    return { kind: 'replay', status: existing.responseStatus, body: existing.responseBody };
  }
  throw new AppError('idempotency_conflict', 'could not claim the Idempotency-Key; retry in a moment', 'Idempotency-Key', { retryAfter: 1 });
}

/** Keeps this request's claim alive while it runs (see inFlightLeaseSeconds). */
function keepClaimAlive(db: Db, scope: IdempotencyScope): () => void {
  const beat = () =>
    db
      .update(idempotencyKeys)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key), eq(idempotencyKeys.state, 'in_flight')))
      .catch((error: unknown) => logError('[malipo] idempotency heartbeat failed', error));
  const timer = setInterval(beat, (inFlightLeaseSeconds() * 1000) / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/** Stores the first answer for replay. */
export async function completeIdempotent(db: Db, scope: IdempotencyScope, status: number, body: unknown): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: 'done', responseStatus: status, responseBody: body })
    .where(and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key), eq(idempotencyKeys.state, 'in_flight')));
}

/** Ties the in-flight key to the resource this request created (see Binding). */
export async function bindIdempotent(db: Db, scope: IdempotencyScope, resourceId: string): Promise<void> {
  const binding: Binding = { bound_to: resourceId };
  await db
    .update(idempotencyKeys)
    .set({ responseBody: binding })
    .where(and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key), eq(idempotencyKeys.state, 'in_flight')));
}

/**
 * After a 5xx nothing is stored. An unbound key is freed so the client's retry runs for real; a
 * bound one (a payment exists, money may move) is kept as `bound` so the retry gets the payment.
 */
export async function releaseIdempotent(db: Db, scope: IdempotencyScope): Promise<void> {
  const mine = and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key), eq(idempotencyKeys.state, 'in_flight'));
  await db.update(idempotencyKeys).set({ state: 'bound' }).where(and(mine, isNotNull(idempotencyKeys.responseBody)));
  await db.delete(idempotencyKeys).where(and(mine, isNull(idempotencyKeys.responseBody)));
}

/** Background clean-up of answers past their replay window. */
export async function purgeExpiredIdempotencyKeys(db: Db, limit = 1000): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(sql`(${idempotencyKeys.apiKeyId}, ${idempotencyKeys.key}) in (select api_key_id, key from ${idempotencyKeys} where ${lt(idempotencyKeys.expiresAt, sql`now()`)} limit ${limit})`)
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}

export interface IdempotencyBinder {
  /** Call as soon as the request's resource exists (no-op without an Idempotency-Key). */
  bind(resourceId: string): Promise<void>;
}

/** How a route answers a retry whose key is bound to a resource: that resource's current state. */
export type BoundAnswer = (resourceId: string) => Promise<Response>;

const NO_KEY: IdempotencyBinder = { bind: async () => {} };

/**
 * Runs a POST under its Idempotency-Key (when the client sent one): the first answer (2xx or
 * 4xx, errors included) is stored and replayed byte-for-byte in meaning for 24 h; a 5xx or a
 * crash frees the key so a retry runs again, unless the request had bound the key to what it
 * created: then the retry gets `answerBound(resourceId)`.
 */
export async function runIdempotent(db: Db, apiKeyId: number, req: Request, rawBody: string, run: (binder: IdempotencyBinder) => Promise<Response>, answerBound?: BoundAnswer): Promise<Response> {
  const key = readIdempotencyKey(req);
  if (key === null) return run(NO_KEY);
  const path = new URL(req.url).pathname;
  const scope: IdempotencyScope = { apiKeyId, key, method: req.method.toUpperCase(), path, fingerprint: requestFingerprint(req.method, path, rawBody) };
  const start = await beginIdempotent(db, scope);
  if (start.kind === 'replay') {
    return Response.json(start.body, { status: start.status, headers: { 'idempotent-replayed': 'true' } });
  }
  if (start.kind === 'bound') {
    if (!answerBound) throw new AppError('idempotency_conflict', 'this Idempotency-Key is bound to an earlier request that did not finish; use a new key', 'Idempotency-Key');
    const answer = await answerBound(start.resourceId);
    answer.headers.set('idempotent-replayed', 'true');
    return answer;
  }
  let response: Response;
  const stopHeartbeat = keepClaimAlive(db, scope);
  try {
    response = await run({ bind: (resourceId) => bindIdempotent(db, scope, resourceId) });
  } catch (error) {
    response = errorResponse(error);
  } finally {
    stopHeartbeat();
  }
  try {
    if (response.status >= 500) await releaseIdempotent(db, scope);
    else await completeIdempotent(db, scope, response.status, await response.clone().json());
  } catch (error) {
    // The answer still goes out; the key stays in flight until its lease ends.
    logError('[malipo] could not store the idempotent response', error);
  }
  return response;
}
