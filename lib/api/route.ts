import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { AppError } from '@/lib/errors';
import { getDb } from '@/lib/server/database';
import { BodyTooLargeError, readBodyCapped } from '@/lib/server/read-body';
import { findInvalidText } from './clean-strings';
import { authenticateApiKey, type ApiPrincipal } from './api-keys';
import { errorResponse } from './envelope';
import { runIdempotent, type IdempotencyBinder } from './idempotency';
import { enforceRateLimit, rateLimitHeaders, type RateLimitClass, type RateLimitState } from './rate-limit';

interface RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> {
  body?: B;
  query?: Q;
  params?: P;
  /** Per-key rate limit class; default: reads for GET, writes for everything else. */
  rateLimit?: RateLimitClass | false;
  /** Honour Idempotency-Key on POST (default true). */
  idempotency?: boolean;
  /** Answers a retry whose key the first request bound (ctx.idempotency.bind) and then failed. */
  boundAnswer?: (db: Db, resourceId: string) => Promise<Response>;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface ApiContext<B, Q, P> {
  req: Request;
  db: Db;
  principal: ApiPrincipal;
  body: B;
  query: Q;
  params: P;
  /** Bind the Idempotency-Key to the resource as soon as it exists (see lib/api/idempotency.ts). */
  idempotency: IdempotencyBinder;
}

/**
 * Wraps every merchant API handler: API key authentication, the key's rate limit, zod parsing of
 * params, query and body, Idempotency-Key on POST, and translation of every error into the
 * envelope. Handlers only do their one job.
 */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  options: RouteOptions<B, Q, P>,
  handler: (ctx: ApiContext<Infer<B>, Infer<Q>, Infer<P>>) => Promise<Response>,
) {
  return async (req: Request, segment: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    let limits: RateLimitState | null = null;
    try {
      const db = await getDb();
      const principal = await authenticateApiKey(db, req.headers.get('authorization'));
      if (!principal) throw new AppError('unauthorized', 'a valid API key is required: Authorization: Bearer <key>');
      const method = req.method.toUpperCase();
      if (options.rateLimit !== false) limits = await enforceRateLimit(db, principal.keyId, options.rateLimit ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'write'));
      const params = options.params ? options.params.parse(await segment.params) : undefined;
      const search = Object.fromEntries(new URL(req.url).searchParams);
      const badQuery = findInvalidText(search);
      if (badQuery) throw new AppError('validation_error', `${badQuery} must not contain NUL characters`, badQuery);
      const query = options.query ? options.query.parse(search) : undefined;
      const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      const body = options.body ? options.body.parse(parseJson(req, raw)) : undefined;
      const run = (idempotency: IdempotencyBinder = { bind: async () => {} }) => handler({ req, db, principal, body, query, params, idempotency } as ApiContext<Infer<B>, Infer<Q>, Infer<P>>);
      const boundAnswer = options.boundAnswer ? (id: string) => options.boundAnswer!(db, id) : undefined;
      const response = method === 'POST' && options.idempotency !== false ? await runIdempotent(db, principal.keyId, req, raw, run, boundAnswer) : await run();
      return withHeaders(response, limits);
    } catch (error) {
      return withHeaders(errorResponse(error), limits);
    }
  };
}

function withHeaders(response: Response, limits: RateLimitState | null): Response {
  if (limits) for (const [name, value] of Object.entries(rateLimitHeaders(limits))) response.headers.set(name, value);
  return response;
}

/** Far above any payment request; read with the cap, never whole first. */
const MAX_BODY_BYTES = 64 * 1024;

async function readBody(req: Request): Promise<string> {
  try {
    return await readBodyCapped(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new AppError('payload_too_large', error.message, 'body');
    throw error;
  }
}

function parseJson(req: Request, text: string): unknown {
  const type = req.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new AppError('validation_error', 'body must be JSON (Content-Type: application/json)', 'body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('validation_error', 'body is not valid JSON', 'body');
  }
  const bad = findInvalidText(value);
  if (bad) throw new AppError('validation_error', `${bad} must not contain NUL characters or unpaired surrogates`, bad);
  return value;
}
