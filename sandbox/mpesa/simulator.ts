// Safaricom M-Pesa Daraja simulator, mounted at /mpesa. Speaks the wire format of
// providers.md §1 so the app's M-Pesa adapter runs against it unchanged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http';
import type { Simulator, SimulatorFactory } from '../types';
import { createC2b } from './c2b';
import { readMpesaConfig } from './config';
import { createTokenStore } from './oauth';
import type { OutcomeDeps } from './outcome';
import { MPESA_MAGIC_NUMBERS } from './scenarios';
import { stkPush, stkQuery } from './stk';
import { createTransactionStore } from './transactions';
import { errors, type Reply } from './wire';

type ApiHandler = (req: IncomingMessage, body: string) => Promise<Reply>;

const REDACTED = '[redacted]';

/** The ledger keeps what was asked and answered, minus secrets (Password, tokens). */
function redact(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if ('Password' in copy) copy.Password = REDACTED;
  if ('access_token' in copy) copy.access_token = REDACTED;
  return copy;
}

function parseForLedger(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw.slice(0, 2000);
  }
}

export const createMpesaSimulator: SimulatorFactory = (ctx) => {
  const cfg = readMpesaConfig(ctx.options);
  const tokens = createTokenStore(cfg);
  const store = createTransactionStore();
  const deps: OutcomeDeps = { ctx, cfg, store };
  const c2b = createC2b(deps);

  /** Bearer-protected APIs; all are POST. */
  const apiRoutes: Record<string, ApiHandler> = {
    '/mpesa/stkpush/v1/processrequest': (req, body) => stkPush(deps, req, body),
    '/mpesa/stkpushquery/v1/query': (req, body) => stkQuery(deps, req, body),
    '/mpesa/c2b/v1/registerurl': (req, body) => c2b.register(req, body),
    '/mpesa/c2b/v2/registerurl': (req, body) => c2b.register(req, body),
    '/mpesa/c2b/v1/simulate': (req, body) => c2b.simulate(req, body, 'v1'),
    '/mpesa/c2b/v2/simulate': (req, body) => c2b.simulate(req, body, 'v2'),
  };

  async function dispatch(req: IncomingMessage, path: string, body: string): Promise<Reply> {
    if (path === '/oauth/v1/generate') return tokens.generate(req);
    const handler = apiRoutes[path];
    if (!handler) return errors.notFound();
    // Daraja checks the token before anything else, and answers 404 (not 401) when it is bad.
    if (!tokens.authorized(req)) return errors.invalidToken();
    if (req.method !== 'POST') return errors.methodNotAllowed();
    return handler(req, body);
  }

  const simulator: Simulator = {
    id: 'mpesa',
    magicNumbers: MPESA_MAGIC_NUMBERS,
    async handle(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
      const reply = await dispatch(req, path, body);
      ctx.record('mpesa', {
        kind: 'request',
        method: req.method,
        path,
        authorization: req.headers.authorization ? REDACTED : undefined,
        body: redact(parseForLedger(body)),
        status: reply.status,
        response: redact(reply.body),
      });
      sendJson(res, reply.status, reply.body);
    },
    reset() {
      // Tokens survive a reset: tests reset between cases and keep their adapter's cached token.
      store.reset();
      c2b.reset();
    },
  };
  return simulator;
};

export default createMpesaSimulator;
