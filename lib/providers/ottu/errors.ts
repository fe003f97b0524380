// Ottu's error bodies (providers.md §3.1, §3.9): DRF field lists `{"amount":["…"]}`, a generic
// `{"detail":"…"}`, or `{"error":{type,code,message,field}}`; all are read, none is branched on by text.
import type { ProviderResponse } from '../http';
import { ProviderRejectedError, ProviderUnavailableError } from '../types';

/** Ottu refused the request: the fields at fault (DRF style) and what it said. */
export class OttuRequestError extends ProviderRejectedError {
  constructor(
    code: string,
    message: string,
    readonly httpStatus: number,
    readonly fields: Record<string, string[]>,
  ) {
    super(code, message);
  }
}

function fieldErrors(body: unknown): Record<string, string[]> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const nested = (body as { error?: { field?: unknown; message?: unknown } }).error;
  if (nested && typeof nested.field === 'string' && typeof nested.message === 'string') return { [nested.field]: [nested.message] };
  const fields: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[key] = value as string[];
  }
  return fields;
}

function detailOf(body: unknown): string | null {
  const b = body as { detail?: unknown; error?: { message?: unknown } } | null;
  if (typeof b?.detail === 'string') return b.detail;
  if (typeof b?.error?.message === 'string') return b.error.message;
  return null;
}

export function describeOttuError(body: unknown, status: number): { message: string; fields: Record<string, string[]> } {
  const fields = fieldErrors(body);
  const named = Object.entries(fields).map(([k, v]) => `${k}: ${v.join(' ')}`);
  return { message: detailOf(body) ?? (named.join('; ') || `HTTP ${status}`), fields };
}

/**
 * 5xx and 429 mean "not now" (the outcome of a create may be unknown); 401/403 are our
 * credentials; any other 4xx names what Ottu refused.
 */
export function classifyOttuError(res: ProviderResponse, label: string, mayHaveActed: boolean): Error {
  const { message, fields } = describeOttuError(res.body, res.status);
  if (res.status >= 500) return new ProviderUnavailableError(`${label}: ${message}`, true, mayHaveActed);
  if (res.status === 429) return new ProviderUnavailableError(`${label}: rate limited (${message})`, true, false);
  if (res.status === 401 || res.status === 403) return new OttuRequestError('ottu_auth_failed', `${label}: ${message}`, res.status, fields);
  return new OttuRequestError(res.status === 404 ? 'ottu_not_found' : 'ottu_invalid_request', `${label}: ${message}`, res.status, fields);
}
