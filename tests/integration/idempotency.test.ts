// Idempotency-Key on the merchant API's POSTs, through the real route wrapper and database.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, payments } from '@/db/schema';
import { createApiKey } from '@/lib/api/api-keys';
import { runIdempotent } from '@/lib/api/idempotency';
import { requestFingerprint } from '@/lib/api/idempotency-hash';
import { resetEnvCache } from '@/lib/env';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

const ref = () => `idem-${randomUUID().slice(0, 8)}`;
const body = (reference: string, msisdn = '254700000000') => ({ provider: 'mpesa', amount: '100', currency: 'KES', msisdn, reference });
const paymentsWith = (reference: string) => t.db.select().from(payments).where(eq(payments.reference, reference));

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body (key order and spacing do not matter)', async () => {
    const key = randomUUID();
    const reference = ref();
    const first = await t.api('POST', '/api/v1/payments', body(reference), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const reordered = JSON.stringify({ reference, msisdn: '254700000000', currency: 'KES', amount: '100', provider: 'mpesa' }, null, 2);
    const res = await fetch(`${t.app.url}/api/v1/payments`, { method: 'POST', headers: { authorization: 'Bearer test-bootstrap-key-0123456789', 'content-type': 'application/json', 'idempotency-key': key }, body: reordered });
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(await res.json()).toEqual(first.body);
    expect(await paymentsWith(reference)).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422, and creates nothing', async () => {
    const key = randomUUID();
    const reference = ref();
    expect((await t.api('POST', '/api/v1/payments', body(reference), { 'idempotency-key': key })).status).toBe(201);
    const other = ref();
    const res = await t.api('POST', '/api/v1/payments', { ...body(other), amount: '101' }, { 'idempotency-key': key });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'unprocessable', field: 'Idempotency-Key' });
    expect(await paymentsWith(other)).toHaveLength(0);
  });

  it('answers 409 to a second request while the first is still in flight', async () => {
    const key = randomUUID();
    const reference = ref();
    // 254700000009 is the simulator's slow number: the first request holds the key ~300 ms.
    const [a, b] = await Promise.all([
      t.api('POST', '/api/v1/payments', body(reference, '254700000009'), { 'idempotency-key': key }),
      new Promise((r) => setTimeout(r, 80)).then(() => t.api('POST', '/api/v1/payments', body(reference, '254700000009'), { 'idempotency-key': key })),
    ]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(409);
    expect(b.body.error).toMatchObject({ code: 'idempotency_conflict' });
    const after = await t.api('POST', '/api/v1/payments', body(reference, '254700000009'), { 'idempotency-key': key });
    expect(after.body.data.id).toBe(a.body.data.id);
  });

  it('100 concurrent identical requests create exactly one payment', async () => {
    const key = randomUUID();
    const reference = ref();
    const results = await Promise.all(Array.from({ length: 100 }, () => t.api('POST', '/api/v1/payments', body(reference, '254700000009'), { 'idempotency-key': key })));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.data.id));
    expect(ids.size).toBe(1);
    expect(await paymentsWith(reference)).toHaveLength(1);
    const replay = await t.api('POST', '/api/v1/payments', body(reference, '254700000009'), { 'idempotency-key': key });
    expect(replay.body.data.id).toBe([...ids][0]);
  });

  it('stores and replays error answers too (4xx), so a retry never changes the outcome', async () => {
    const key = randomUUID();
    const missing = { ...body(ref()), order_id: 'ord_doesnotexist00000000' };
    const first = await t.api('POST', '/api/v1/payments', missing, { 'idempotency-key': key });
    expect(first.status).toBe(404);
    const again = await t.api('POST', '/api/v1/payments', missing, { 'idempotency-key': key });
    expect(again).toEqual(first);
  });

  it('scopes keys per API key', async () => {
    const { key: otherApiKey } = await createApiKey(t.db, 'idempotency scope test');
    const key = randomUUID();
    const reference = ref();
    const mine = await t.api('POST', '/api/v1/payments', body(reference), { 'idempotency-key': key });
    const theirs = await t.api('POST', '/api/v1/payments', body(reference), { 'idempotency-key': key, authorization: `Bearer ${otherApiKey}` });
    expect(theirs.status).toBe(201);
    expect(theirs.body.data.id).not.toBe(mine.body.data.id);
  });

  it('keeps answers for 24 hours, then lets the key be used afresh; an abandoned in-flight claim is taken over', async () => {
    const key = randomUUID();
    const first = await t.api('POST', '/api/v1/payments', body(ref()), { 'idempotency-key': key });
    const [row] = await t.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, 0), eq(idempotencyKeys.key, key)));
    expect(row?.state).toBe('done');
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3600_000);
    await t.db.update(idempotencyKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(idempotencyKeys.key, key));
    const fresh = await t.api('POST', '/api/v1/payments', body(ref()), { 'idempotency-key': key });
    expect(fresh.status).toBe(201);
    expect(fresh.body.data.id).not.toBe(first.body.data.id);

    const crashed = randomUUID();
    await t.db.insert(idempotencyKeys).values({ apiKeyId: 0, key: crashed, method: 'POST', path: '/api/v1/payments', requestHash: 'x', state: 'in_flight', createdAt: sql`now() - interval '10 minutes'`, heartbeatAt: sql`now() - interval '10 minutes'`, expiresAt: sql`now() + interval '1 day'` });
    expect((await t.api('POST', '/api/v1/payments', body(ref()), { 'idempotency-key': crashed })).status).toBe(201);
  });

  it('applies to retry as well, and rejects a malformed key', async () => {
    const started = await t.api('POST', '/api/v1/payments', body(ref(), '254700000001'));
    await new Promise((r) => setTimeout(r, 600));
    const key = randomUUID();
    const a = await t.api('POST', `/api/v1/payments/${started.body.data.id}/retry`, undefined, { 'idempotency-key': key });
    const b = await t.api('POST', `/api/v1/payments/${started.body.data.id}/retry`, undefined, { 'idempotency-key': key });
    expect(a.status).toBe(201);
    expect(b).toEqual(a);
    const bad = await t.api('POST', '/api/v1/payments', body(ref()), { 'idempotency-key': 'has spaces in it' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('Idempotency-Key');
  });

  describe('after a crash, a short lease kept alive by a heartbeat', () => {
    const post = (key: string, raw: string) => new Request('http://app.test/api/v1/payments', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: raw });
    const ok = async () => Response.json({ ok: true }, { status: 201 });

    it('a key claimed by a request that died 30 s ago (no heartbeat since) is free again: the retry runs', async () => {
      const key = randomUUID();
      const raw = JSON.stringify(body(ref()));
      await t.db.insert(idempotencyKeys).values({
        apiKeyId: 0, key, method: 'POST', path: '/api/v1/payments', requestHash: requestFingerprint('POST', '/api/v1/payments', raw), state: 'in_flight',
        createdAt: sql`now() - interval '30 seconds'`, heartbeatAt: sql`now() - interval '30 seconds'`, expiresAt: sql`now() + interval '1 day'`,
      });
      expect((await runIdempotent(t.db, 0, post(key, raw), raw, ok)).status).toBe(201);
    });

    it('a slow request outliving the lease keeps its key: a retry meanwhile gets 409, then the stored answer', async () => {
      process.env.IDEMPOTENCY_LEASE_SECONDS = '2';
      resetEnvCache();
      try {
        const key = randomUUID();
        const raw = JSON.stringify(body(ref()));
        let runs = 0;
        const slow = runIdempotent(t.db, 0, post(key, raw), raw, async () => {
          runs++;
          await new Promise((r) => setTimeout(r, 5000));
          return Response.json({ slow: true }, { status: 201 });
        });
        await new Promise((r) => setTimeout(r, 4000));
        await expect(runIdempotent(t.db, 0, post(key, raw), raw, ok)).rejects.toMatchObject({ code: 'idempotency_conflict' });
        expect((await slow).status).toBe(201);
        const replay = await runIdempotent(t.db, 0, post(key, raw), raw, ok);
        expect(await replay.json()).toEqual({ slow: true });
        expect(runs).toBe(1);
      } finally {
        delete process.env.IDEMPOTENCY_LEASE_SECONDS;
        resetEnvCache();
      }
    });
  });

  describe('bound to the payment it created', () => {
    const post = (key: string, raw: string) => new Request('http://app.test/api/v1/payments', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: raw });

    it('a 5xx after the payment exists does not free the key: the retry gets that payment and runs nothing', async () => {
      const created = await t.api('POST', '/api/v1/payments', body(ref()));
      const paymentId = created.body.data.id as string;
      const key = randomUUID();
      const raw = JSON.stringify(body(ref()));
      const failed = await runIdempotent(t.db, 0, post(key, raw), raw, async (idem) => {
        await idem.bind(paymentId);
        throw new Error('database went away after the provider push');
      });
      expect(failed.status).toBe(500);
      const [row] = await t.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, 0), eq(idempotencyKeys.key, key)));
      expect(row).toMatchObject({ state: 'bound', responseBody: { bound_to: paymentId } });

      let ranAgain = false;
      const answered: string[] = [];
      const retry = await runIdempotent(t.db, 0, post(key, raw), raw, async () => {
        ranAgain = true;
        return Response.json({}, { status: 201 });
      }, async (id) => {
        answered.push(id);
        return Response.json({ id }, { status: 200 });
      });
      expect(ranAgain).toBe(false);
      expect(answered).toEqual([paymentId]);
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      // A different body with the same key is still refused.
      const other = JSON.stringify({ ...body(ref()), amount: '101' });
      await expect(runIdempotent(t.db, 0, post(key, other), other, async () => Response.json({}))).rejects.toMatchObject({ field: 'Idempotency-Key', message: expect.stringContaining('different request') });
    });

    it('an unbound 5xx still frees the key, so the retry runs for real', async () => {
      const key = randomUUID();
      const raw = JSON.stringify(body(ref()));
      expect((await runIdempotent(t.db, 0, post(key, raw), raw, async () => { throw new Error('boom before any row'); })).status).toBe(500);
      const retry = await runIdempotent(t.db, 0, post(key, raw), raw, async () => Response.json({ ran: true }, { status: 201 }));
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
    });

    it('the merchant API answers a bound key with the payment as it is now (also when the first request died after binding)', async () => {
      // Callback lost (magic 0005): the payment stays processing while this test reads it.
      const created = await t.api('POST', '/api/v1/payments', body(ref(), '254700000005'));
      const paymentId = created.body.data.id as string;
      const reference = ref();
      const raw = JSON.stringify(body(reference));
      const requestHash = requestFingerprint('POST', '/api/v1/payments', raw);
      for (const [state, age] of [['bound', '1 second'], ['in_flight', '10 minutes']] as const) {
        const key = randomUUID();
        await t.db.insert(idempotencyKeys).values({ apiKeyId: 0, key, method: 'POST', path: '/api/v1/payments', requestHash, state, responseBody: { bound_to: paymentId }, createdAt: sql`now() - ${age}::interval`, heartbeatAt: sql`now() - ${age}::interval`, expiresAt: sql`now() + interval '1 day'` });
        const res = await t.api('POST', '/api/v1/payments', body(reference), { 'idempotency-key': key });
        expect(res.status).toBe(200);
        expect(res.body.data).toMatchObject({ id: paymentId, status: created.body.data.status });
        expect(await paymentsWith(reference)).toHaveLength(0);
      }
    });
  });
});
