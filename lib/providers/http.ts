// The single way adapters call providers: a timeout on every call, the raw exchange recorded
// (redacted), and JSON parsed leniently because providers mix content types.
import { redact, redactUrl } from '@/lib/payments/redact';
import { ProviderUnavailableError, type ProviderCallContext } from './types';

export interface ProviderRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  /** Short label for the event log, e.g. "STK push". */
  label: string;
  /** Extra strings to blank out wherever they appear in the log, request and response (path tokens, bearer tokens echoed in errors). */
  secrets?: string[];
}

export interface ProviderResponse {
  status: number;
  body: unknown;
}

export async function callProvider(req: ProviderRequest, ctx: ProviderCallContext | null): Promise<ProviderResponse> {
  const secrets = req.secrets ?? [];
  const loggedUrl = redactUrl(req.url, secrets);
  await ctx?.record({ kind: 'request', summary: `${req.label}: ${req.method} ${loggedUrl}`, payload: scrub(redact(req.body ?? null), secrets) });
  let response: Response;
  try {
    response = await fetch(req.url, {
      method: req.method,
      headers: { accept: 'application/json', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
      body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      signal: AbortSignal.timeout(req.timeoutMs),
      cache: 'no-store',
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${req.timeoutMs} ms` : 'network error';
    await ctx?.record({ kind: 'error', summary: `${req.label}: ${reason}`, payload: { error: String(error) } });
    throw new ProviderUnavailableError(`${req.label} ${reason}`);
  }
  const text = await response.text();
  const body = parseLenient(text);
  await ctx?.record({ kind: 'response', summary: `${req.label}: HTTP ${response.status}`, httpStatus: response.status, payload: scrub(redact(body), secrets) });
  return { status: response.status, body };
}

/** Blanks known secret values out of a payload, wherever they appear inside strings. */
function scrub(value: unknown, secrets: string[]): unknown {
  if (secrets.length === 0 || value === null) return value;
  return JSON.parse(redactUrl(JSON.stringify(value), secrets.map((s) => JSON.stringify(s).slice(1, -1))));
}

function parseLenient(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { nonJsonBody: text.slice(0, 2000) };
  }
}
