// GET /api/v1/payments: filters and keyset pagination, over rows dated in 2001 so the other
// test files (which create payments now, in the same database) never enter the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';
import { insertPayment } from '../support/payment-fixtures';

let t: IntegrationApp;
const ids: string[] = [];

beforeAll(async () => {
  t = await startIntegrationApp();
  const fixtures = [
    { provider: 'mpesa', currency: 'KES', status: 'success' },
    { provider: 'clickpesa', currency: 'TZS', status: 'failed' },
    { provider: 'clickpesa', currency: 'TZS', status: 'success' },
    { provider: 'mpesa', currency: 'KES', status: 'processing' },
    { provider: 'clickpesa', currency: 'TZS', status: 'success' },
  ];
  for (const [i, f] of fixtures.entries()) {
    const p = await insertPayment(t.db, { ...f, createdAt: new Date(Date.UTC(2001, 0, 1, 10, i)) });
    ids.push(p.id);
  }
});
afterAll(async () => t?.close());

const day = 'from=2001-01-01&to=2001-01-01';

describe('GET /api/v1/payments', () => {
  it('lists newest first within a created range', async () => {
    const res = await t.api('GET', `/api/v1/payments?${day}`);
    expect(res.status).toBe(200);
    expect(res.body.data.payments.map((p: { id: string }) => p.id)).toEqual([...ids].reverse());
    expect(res.body.data.next_cursor).toBeNull();
    expect(res.body.data.payments[0]).toMatchObject({ provider: 'clickpesa', currency: 'TZS', amount: '100.00', status: 'success' });
  });

  it('filters by status, provider and currency together', async () => {
    const res = await t.api('GET', `/api/v1/payments?${day}&status=success&provider=clickpesa&currency=TZS`);
    expect(res.body.data.payments.map((p: { id: string }) => p.id)).toEqual([ids[4], ids[2]]);
  });

  it('pages with a cursor and never repeats or skips a row', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: { payments: { id: string }[]; next_cursor: string | null } } } = await t.api('GET', `/api/v1/payments?${day}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.payments.map((p) => p.id));
      cursor = res.body.data.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    for (const [q, field] of [
      ['status=paid', 'status'],
      ['limit=1000', 'limit'],
      ['from=yesterday', 'from'],
      ['cursor=!!', 'cursor'],
      // Well-formed cursors and ranges naming impossible instants: 400, not a failed SQL cast.
      [`cursor=${Buffer.from(`2026-13-45T99:00:00.000000Z|${ids[0]}`).toString('base64url')}`, 'cursor'],
      [`cursor=${Buffer.from(`2026-02-30T10:00:00.000000Z|${ids[0]}`).toString('base64url')}`, 'cursor'],
      ['from=2026-13-45T99:00:00Z', 'from'],
      ['to=2026-02-30', 'to'],
    ]) {
      const res = await t.api('GET', `/api/v1/payments?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
  });

  it('requires an API key', async () => {
    const res = await fetch(`${t.app.url}/api/v1/payments`);
    expect(res.status).toBe(401);
  });
});
