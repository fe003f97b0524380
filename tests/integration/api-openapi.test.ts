// The OpenAPI document is served, and real answers of the API match the response schemas it is
// generated from (so the document cannot drift from serialize.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentListResource, paymentResource, paymentStatusResource, successEnvelope, webhookEvent } from '@/lib/api/response-schemas';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;
beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document without a key, with every route and the webhook', async () => {
    const res = await fetch(`${t.app.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/api/v1/payments', '/api/v1/payments/{id}', '/api/v1/payments/{id}/status', '/api/v1/payments/{id}/retry', '/api/v1/payments/{id}/otp']);
    const body = doc.paths['/api/v1/payments'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['provider', 'amount', 'currency', 'msisdn']);
    expect(body.properties.provider.enum).toContain('clickpesa');
    const query = doc.paths['/api/v1/payments'].get.parameters.map((p: { name: string }) => p.name);
    expect(query).toEqual(expect.arrayContaining(['status', 'provider', 'currency', 'from', 'to', 'cursor', 'limit']));
    expect(doc.paths['/api/v1/payments'].post.parameters[0].name).toBe('Idempotency-Key');
    expect(doc.components.responses.RateLimited.headers['Retry-After']).toBeDefined();
    expect(doc.webhooks.paymentStatusChanged.post.requestBody.content['application/json'].schema.properties.data.properties.status.enum).toContain('success');
  });

  it('real answers match the documented response schemas', async () => {
    const created = await t.api('POST', '/api/v1/payments', { provider: 'clickpesa', amount: '5000', currency: 'TZS', msisdn: '255700000000', callback_url: 'http://127.0.0.1:9/none' });
    expect(successEnvelope(paymentResource).safeParse(created.body).error).toBeUndefined();
    const status = await t.api('GET', `/api/v1/payments/${created.body.data.id}/status`);
    expect(successEnvelope(paymentStatusResource).safeParse(status.body).error).toBeUndefined();
    const list = await t.api('GET', '/api/v1/payments?limit=3');
    expect(successEnvelope(paymentListResource).safeParse(list.body).error).toBeUndefined();
    const { webhookOutbox } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    const [event] = await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, created.body.data.id));
    expect(webhookEvent.safeParse(event?.payload).error).toBeUndefined();
  });
});
