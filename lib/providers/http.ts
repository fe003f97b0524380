// The single way adapters call providers: a timeout on every call, the raw exchange recorded
// (redacted), and JSON parsed leniently because providers mix content types.
import { redact, REDACTED } from '@/lib/payments/redact';
import { ProviderUnavailableError, type ProviderCallContext } from './types';

/** A file part of a multipart/form-data request (e.g. an Ottu attachment). */
export interface MultipartFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface ProviderRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data instead of JSON (file uploads); logged with files as name, type and size. */
  multipart?: Record<string, string | MultipartFile>;
  timeoutMs: number;
  /** Short label for the event log, e.g. "STK push". */
  label: string;
  /** Secret values to blank out wherever they appear in the log, request and response (path tokens, bearer tokens echoed in errors). */
  secrets?: string[];
}

export interface ProviderResponse {
  status: number;
  body: unknown;
}

/** Errors that prove the request never left: nothing can have happened at the provider. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

export async function callProvider(req: ProviderRequest, ctx: ProviderCallContext | null): Promise<ProviderResponse> {
  const secrets = usableSecrets(req.secrets);
  const logged = req.multipart ? describeMultipart(req.multipart) : (req.body ?? null);
  await ctx?.record({ kind: 'request', summary: `${req.label}: ${req.method} ${scrubText(req.url, secrets)}`, payload: scrub(redact(logged), secrets) });
  let status: number;
  let text: string;
  try {
    const response = await fetch(req.url, {
      method: req.method,
      // Multipart: fetch writes the content-type itself, with the boundary.
      headers: { accept: 'application/json', ...(req.body !== undefined && !req.multipart ? { 'content-type': 'application/json' } : {}), ...req.headers },
      body: encodeBody(req),
      signal: AbortSignal.timeout(req.timeoutMs),
      cache: 'no-store',
    });
    status = response.status;
    // Inside the try: a provider that sends headers and then stalls times out here too.
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const code = errorCode(error);
    const reason = timedOut ? `timed out after ${req.timeoutMs} ms` : `network error${code ? ` (${code})` : ''}`;
    await ctx?.record({ kind: 'error', summary: `${req.label}: ${reason}`, payload: { error: scrubText(String(error), secrets) } });
    throw new ProviderUnavailableError(`${req.label} ${reason}`, true, !(code && NOT_SENT.has(code)));
  }
  const body = parseLenient(text);
  await ctx?.record({ kind: 'response', summary: `${req.label}: HTTP ${status}`, httpStatus: status, payload: scrub(redact(body), secrets) });
  return { status, body };
}

function encodeBody(req: ProviderRequest): BodyInit | undefined {
  if (req.multipart) {
    const form = new FormData();
    for (const [name, value] of Object.entries(req.multipart)) {
      if (typeof value === 'string') form.append(name, value);
      else form.append(name, new Blob([new Uint8Array(value.data)], { type: value.contentType }), value.filename);
    }
    return form;
  }
  return req.body !== undefined ? JSON.stringify(req.body) : undefined;
}

/** File contents never reach the event log: only what identifies them. */
function describeMultipart(fields: Record<string, string | MultipartFile>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, v]) => [name, typeof v === 'string' ? v : { filename: v.filename, contentType: v.contentType, bytes: v.data.byteLength }]),
  );
}

/**
 * Short secrets (a 4-digit PIN) would blank out innocent digits everywhere, and reveal themselves
 * by where the blanks fall; they are covered by key-name redaction instead.
 */
function usableSecrets(secrets: string[] = []): string[] {
  return secrets.filter((s) => s.length >= 8);
}

function scrubText(text: string, secrets: string[]): string {
  return secrets.reduce((t, s) => t.split(s).join(REDACTED), text);
}

/** Blanks secret values inside string values only, so the structure always survives. */
function scrub(value: unknown, secrets: string[]): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return scrubText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)]));
  }
  return value;
}

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function parseLenient(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { nonJsonBody: text.slice(0, 2000) };
  }
}
