// Per-key rate limits, counted in the database (rate_limit_windows) so instances share them.
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitWindows } from '@/db/schema';
import { createApiKey } from '@/lib/api/api-keys';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  // This file's process only: 5 requests a minute, of which 2 writes.
  t = await startIntegrationApp({ env: { API_RATE_LIMIT_PER_MINUTE: '5', API_WRITE_RATE_LIMIT_PER_MINUTE: '2' } });
  // Stay clear of a minute boundary, where the fixed window resets mid-test.
  const second = new Date().getUTCSeconds();
  if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
});
afterAll(async () => t?.close());

describe('rate limits per API key', () => {
  it('answers 429 with Retry-After once a key passes its limit, without touching other keys', async () => {
    const { key, id } = await createApiKey(t.db, 'rate limit test');
    const auth = { authorization: `Bearer ${key}` };
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${t.app.url}/api/v1/payments?limit=1`, { headers: auth });
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('x-ratelimit-limit')).toBe('5');
        expect(last.headers.get('x-ratelimit-remaining')).toBe('4');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const retryAfter = Number(last?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await last!.json();
    expect(body).toMatchObject({ success: false, error: { code: 'rate_limited', details: { retryAfter, limit: 5 } } });
    const [window] = await t.db.select().from(rateLimitWindows).where(eq(rateLimitWindows.bucket, `api:${id}`));
    expect(window?.count).toBe(6);

    const { key: other } = await createApiKey(t.db, 'rate limit neighbour');
    expect((await fetch(`${t.app.url}/api/v1/payments?limit=1`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
  });

  it('limits writes separately (POST counts as a read and a write)', async () => {
    const { key, id } = await createApiKey(t.db, 'write limit test');
    const post = () => t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '10', currency: 'KES', msisdn: '254700000000' }, { authorization: `Bearer ${key}` });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const third = await post();
    expect(third.status).toBe(429);
    expect(third.body.message).toContain('2 write requests per minute');
    const rows = await t.db.select().from(rateLimitWindows).where(like(rateLimitWindows.bucket, `%:${id}`));
    expect(rows.map((r) => r.bucket).sort()).toEqual([`api-write:${id}`, `api:${id}`]);
  });
});
