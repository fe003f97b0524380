// The ClickPesa-style envelope every API answer uses, and the single place errors become HTTP.
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/server/log';

export function ok(data: unknown, message = 'OK', status = 200, headers?: HeadersInit): Response {
  return Response.json({ success: true, message, data }, { status, headers });
}

export function fail(status: number, code: string, message: string, field?: string, headers?: HeadersInit, details?: Record<string, unknown>): Response {
  return Response.json({ success: false, message, error: { code, ...(field ? { field } : {}), ...(details ? { details } : {}) } }, { status, headers });
}

/** Translates anything thrown by a handler. Unknown errors become a bare 500: no stack, no detail. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers = error.details?.retryAfter ? { 'retry-after': String(error.details.retryAfter) } : undefined;
    return fail(error.status, error.code, error.message, error.field, headers, error.details);
  }
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || undefined;
    return fail(400, 'validation_error', field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid request'), field);
  }
  logError('[malipo] unhandled API error', error);
  return fail(500, 'internal_error', 'Something went wrong on our side. The request can be retried safely.');
}
