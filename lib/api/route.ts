import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { AppError } from '@/lib/errors';
import { getDb } from '@/lib/server/database';
import { authenticateApiKey, type ApiPrincipal } from './api-keys';
import { errorResponse } from './envelope';

interface RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> {
  body?: B;
  query?: Q;
  params?: P;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface ApiContext<B, Q, P> {
  req: Request;
  db: Db;
  principal: ApiPrincipal;
  body: B;
  query: Q;
  params: P;
}

/**
 * Wraps every merchant API handler: API key authentication, zod parsing of params, query and
 * body, and translation of every error into the envelope. Handlers only do their one job.
 */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  options: RouteOptions<B, Q, P>,
  handler: (ctx: ApiContext<Infer<B>, Infer<Q>, Infer<P>>) => Promise<Response>,
) {
  return async (req: Request, segment: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const db = await getDb();
      const principal = await authenticateApiKey(db, req.headers.get('authorization'));
      if (!principal) throw new AppError('unauthorized', 'a valid API key is required: Authorization: Bearer <key>');
      const params = options.params ? options.params.parse(await segment.params) : undefined;
      const query = options.query ? options.query.parse(Object.fromEntries(new URL(req.url).searchParams)) : undefined;
      const body = options.body ? options.body.parse(await readJson(req)) : undefined;
      return await handler({ req, db, principal, body, query, params } as ApiContext<Infer<B>, Infer<Q>, Infer<P>>);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new AppError('validation_error', 'body must be JSON (Content-Type: application/json)', 'body');
  const text = await req.text();
  if (text.length > 64 * 1024) throw new AppError('validation_error', 'body is too large (64 KB at most)', 'body');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('validation_error', 'body is not valid JSON', 'body');
  }
}
