import { describe, it, expect, vi, afterEach } from 'vitest';
import { z } from 'zod';
import { errorResponse, fail, ok } from '@/lib/api/envelope';
import { AppError, invalid, notFound } from '@/lib/errors';

afterEach(() => {
  vi.restoreAllMocks();
});

async function body(res: Response): Promise<{ success: boolean; message: string; error?: { code: string; field?: string }; data?: unknown }> {
  return (await res.json()) as never;
}

describe('errorResponse with AppError', () => {
  it('uses the error status, code, message and field', async () => {
    const res = errorResponse(invalid('amount', 'must be at least KES 1'));
    expect(res.status).toBe(400);
    expect(await body(res)).toEqual({
      success: false,
      message: 'amount must be at least KES 1',
      error: { code: 'validation_error', field: 'amount' },
    });
  });

  it.each([
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['idempotency_conflict', 409],
    ['unprocessable', 422],
    ['rate_limited', 429],
    ['provider_rejected', 502],
    ['provider_unavailable', 503],
  ] as const)('maps %s to HTTP %i', async (code, status) => {
    const res = errorResponse(new AppError(code, 'nope'));
    expect(res.status).toBe(status);
    const b = await body(res);
    expect(b.success).toBe(false);
    expect(b.error).toEqual({ code });
  });

  it('omits field when there is none', async () => {
    const b = await body(errorResponse(notFound('payment')));
    expect(b.message).toBe('payment not found');
    expect(b.error).not.toHaveProperty('field');
  });

  it('sends retry-after for rate limits', () => {
    const res = errorResponse(new AppError('rate_limited', 'slow down', undefined, { retryAfter: 30 }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(errorResponse(new AppError('conflict', 'x')).headers.get('retry-after')).toBeNull();
  });
});

describe('errorResponse with ZodError', () => {
  it('answers 400 naming the field path', async () => {
    const schema = z.object({ customer: z.object({ phone: z.string() }), amount: z.string() });
    const result = schema.safeParse({ customer: { phone: 123 }, amount: '1' });
    expect(result.success).toBe(false);
    const res = errorResponse(result.error);
    expect(res.status).toBe(400);
    const b = await body(res);
    expect(b.error).toEqual({ code: 'validation_error', field: 'customer.phone' });
    expect(b.message.startsWith('customer.phone: ')).toBe(true);
  });

  it('answers 400 without a field for a top-level issue', async () => {
    const result = z.string().safeParse(5);
    const res = errorResponse(result.error);
    expect(res.status).toBe(400);
    const b = await body(res);
    expect(b.error).toEqual({ code: 'validation_error' });
    expect(b.message.length).toBeGreaterThan(0);
  });
});

describe('errorResponse with unknown errors', () => {
  it('answers a bare 500 that leaks neither message nor stack', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = new Error('connect ECONNREFUSED postgres://admin:hunter2@db:5432');
    const res = errorResponse(error);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toContain(error.stack!.split('\n')[1]!.trim());
    expect(text).not.toContain('envelope.test');
    const b = JSON.parse(text);
    expect(b).toEqual({ success: false, message: expect.any(String), error: { code: 'internal_error' } });
  });

  it('handles thrown non-errors', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const thrown of ['boom-secret', 42, null, undefined, { password: 'x' }]) {
      const res = errorResponse(thrown);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('boom-secret');
      expect(JSON.parse(text).error.code).toBe('internal_error');
    }
  });
});

describe('ok / fail', () => {
  it('build the envelope', async () => {
    const res = ok({ id: 'pay_1' }, 'Created', 201);
    expect(res.status).toBe(201);
    expect(await body(res)).toEqual({ success: true, message: 'Created', data: { id: 'pay_1' } });
    const f = fail(409, 'conflict', 'already paid', 'reference');
    expect(f.status).toBe(409);
    expect(await body(f)).toEqual({ success: false, message: 'already paid', error: { code: 'conflict', field: 'reference' } });
  });
});
