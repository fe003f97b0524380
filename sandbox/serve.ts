// The tail every JSON simulator shares: run the route, turn a crash into the provider's own 500
// body, record the exchange in the ledger, answer.
import type { ServerResponse } from 'node:http';
import { sendJson } from './http';
import type { SandboxContext, SandboxProviderId } from './types';

export interface JsonReply {
  status: number;
  body: unknown;
  /** Extra fields for this exchange's ledger entry. */
  ledger?: Record<string, unknown>;
}

export interface ServeOptions<R extends JsonReply> {
  provider: SandboxProviderId;
  method: string;
  path: string;
  /** The request body as it may appear in the ledger (already redacted). */
  loggedBody: unknown;
  run: () => Promise<R>;
  /** The provider's own answer to an internal error. */
  onCrash: () => R;
  redactResponse?: (body: unknown) => unknown;
}

export async function serveJson<R extends JsonReply>(ctx: SandboxContext, res: ServerResponse, o: ServeOptions<R>): Promise<void> {
  let result: R;
  try {
    result = await o.run();
  } catch (err) {
    ctx.record(o.provider, { kind: 'error', method: o.method, path: o.path, error: err instanceof Error ? err.message : String(err) });
    result = o.onCrash();
  }
  ctx.record(o.provider, {
    kind: 'request',
    method: o.method,
    path: o.path,
    body: o.loggedBody,
    status: result.status,
    response: o.redactResponse ? o.redactResponse(result.body) : result.body,
    ...result.ledger,
  });
  sendJson(res, result.status, result.body);
}

/** "/x/" and "/x" are the same route; "/" stays "/". */
export function trimTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
