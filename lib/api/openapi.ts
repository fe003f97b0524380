// The OpenAPI 3.1 document of the merchant API, generated from the zod schemas the handlers use
// (request bodies, path and query parameters) and the response schemas a test checks against
// real answers. Served at /api/v1/openapi.json; rendered at /docs/api.
import { z } from 'zod';
import { paymentFiltersSchema } from '@/lib/payments/payment-filters';
import { createPaymentBody, paymentIdParams } from './payment-schemas';
import { errorEnvelope, paymentListResource, paymentResource, paymentStatusResource, successEnvelope, webhookEvent } from './response-schemas';

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output' = 'output'): Json {
  const generated = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete generated.$schema; // the document's own dialect applies
  return generated;
}

const QUERY_DOCS: Record<string, { description: string; schema?: Json }> = {
  status: { description: 'Only payments in this status' },
  provider: { description: 'Only payments through this provider' },
  currency: { description: 'Only payments in this currency' },
  from: { description: 'Created on or after: a date (00:00 UTC) or an ISO 8601 instant' },
  to: { description: 'Created on or before: a date (the whole day, UTC) or an ISO 8601 instant' },
  q: { description: 'Search: phone number (any common form), order reference, receipt, provider reference or payment id' },
  attention: { description: 'Only payments a person should look at (flagged or stuck)', schema: { type: 'string', enum: ['1', 'true'] } },
  cursor: { description: '`next_cursor` (or `prev_cursor` with dir=prev) from a previous page' },
  dir: { description: 'next (older, default) or prev (newer than the cursor)', schema: { type: 'string', enum: ['next', 'prev'], default: 'next' } },
  limit: { description: 'Page size', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
};

function queryParameters(): Json[] {
  const properties = (schema(paymentFiltersSchema).properties ?? {}) as Record<string, Json>;
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    description: QUERY_DOCS[name]?.description,
    schema: QUERY_DOCS[name]?.schema ?? s,
  }));
}

const idParameter = { name: 'id', in: 'path', required: true, schema: (schema(paymentIdParams).properties as Record<string, Json>).id };
const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Any unique string (a UUID): the first answer is stored for 24 h and replayed for the same key and body. Same key, different body: 422. While the first request runs: 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const json = (s: z.ZodType) => ({ 'application/json': { schema: schema(s) } });
const ok = (description: string, data: z.ZodType) => ({ description, content: json(successEnvelope(data)) });
const error = (description: string) => ({ $ref: '#/components/responses/Error', description });

const ERRORS = {
  '400': error('Invalid request (the field is named in error.field)'),
  '401': error('Missing or invalid API key'),
  '429': { $ref: '#/components/responses/RateLimited' },
};

export function buildOpenApiDocument(serverUrl: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Malipo merchant API',
      version: '1.0.0',
      description:
        'Mobile money payments (M-Pesa, ClickPesa, Omari, Qmoney) behind one API. Amounts are decimal strings in major units. Every answer uses the envelope {success, message, data} or {success: false, message, error: {code, field?, details?}}. Rate limits per API key: API_RATE_LIMIT_PER_MINUTE requests (default 300) and API_WRITE_RATE_LIMIT_PER_MINUTE POSTs (default 60) per minute.',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      '/api/v1/payments': {
        get: { operationId: 'listPayments', summary: 'List payments, newest first', parameters: queryParameters(), responses: { '200': ok('One page of payments', paymentListResource), ...ERRORS } },
        post: {
          operationId: 'createPayment',
          summary: 'Start a payment (push prompt or OTP, depending on the provider)',
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: { 'application/json': { schema: schema(createPaymentBody, 'input') } } },
          responses: {
            '200': ok('Retry with an Idempotency-Key whose first request created this payment and then failed (5xx): the payment as it is now', paymentResource),
            '201': ok('Created; status is processing, awaiting_otp, or failed when the provider refused at once', paymentResource),
            ...ERRORS,
            '404': error('order_id not found'),
            '409': error('Order already paid, or an identical Idempotency-Key request is still running'),
            '422': error('Provider not available, or Idempotency-Key reused with a different body'),
          },
        },
      },
      '/api/v1/payments/{id}': {
        get: { operationId: 'getPayment', summary: 'A payment', parameters: [idParameter], responses: { '200': ok('The payment', paymentResource), ...ERRORS, '404': error('No such payment') } },
      },
      '/api/v1/payments/{id}/status': {
        get: { operationId: 'getPaymentStatus', summary: "A payment's status, with the provider's own", parameters: [idParameter], responses: { '200': ok('The status', paymentStatusResource), ...ERRORS, '404': error('No such payment') } },
      },
      '/api/v1/payments/{id}/retry': {
        post: {
          operationId: 'retryPayment',
          summary: 'A new attempt for a failed, cancelled or expired payment',
          parameters: [idParameter, idempotencyHeader],
          responses: { '201': ok('The new attempt (retry_of names the old one)', paymentResource), ...ERRORS, '404': error('No such payment'), '409': error('The payment is not failed, cancelled or expired') },
        },
      },
      '/api/v1/payments/{id}/otp': {
        post: {
          operationId: 'confirmPaymentOtp',
          summary: 'Complete an OTP payment (Omari, Qmoney) with the code the customer received',
          parameters: [idParameter, idempotencyHeader],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { otp: { type: 'string' } }, required: ['otp'] } } } },
          responses: { '200': ok('Completed', paymentResource), ...ERRORS, '409': error('Too many wrong codes'), '410': error('The code expired'), '422': error('Wrong code (tries left in error.details)') },
        },
      },
    },
    webhooks: {
      paymentStatusChanged: {
        post: {
          summary: 'Sent to callback_url (or the API key default) on every status change',
          description:
            'Signed: Malipo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(WEBHOOK_SIGNING_SECRET, "<t>.<raw body>")>. Also Malipo-Event-Id and Malipo-Event-Type. Answer 2xx within 10 s; otherwise retried with exponential backoff (30 s doubling, at most 6 h apart) for 3 days. Events of one payment arrive in order.',
          parameters: [
            { name: 'Malipo-Signature', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'Malipo-Event-Id', in: 'header', required: true, schema: { type: 'string' } },
          ],
          requestBody: { content: json(webhookEvent) },
          responses: { '200': { description: 'Received' } },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' } },
      responses: {
        Error: { description: 'Error', content: json(errorEnvelope) },
        RateLimited: {
          description: "Rate limit exceeded for this API key (error.code rate_limited)",
          headers: { 'Retry-After': { description: 'Seconds until the window resets', schema: { type: 'integer' } } },
          content: json(errorEnvelope),
        },
      },
    },
  };
}
