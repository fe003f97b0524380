// Omari (Old Mutual Zimbabwe) Merchant API v1.2.0 simulator, providers.md §4: OTP by SMS,
// synchronous confirmation, no webhooks. Mounted under /omari, so the app's base URL is
// http://host:port/omari/vsuite/omari/api/merchant/api/payment (a leading /uat, as in Omari's UAT
// URL, is accepted too).
//
// Routes (inside the base URL), all requiring the X-Merchant-Key header:
//   POST /auth  ·  POST /request and /requests (which one is real is UNCONFIRMED)
//   GET /query/{reference}  ·  POST /void
// Options: see config.ts. Magic numbers: see magic.ts.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { serveJson, trimTrailingSlash } from '../serve';
import type { SimulatorFactory } from '../types';
import { readOmariConfig } from './config';
import { auth, confirm, query, voidPayment, type OmariState } from './handlers';
import { omariMagicNumbers } from './magic';
import { FAILURES, fail, formatError, routeNotFound, type Reply } from './replies';
import type { OmariTransaction } from './transactions';

const BASE = '/vsuite/omari/api/merchant/api/payment';
const QUERY_PATH = /^\/query\/([^/]+)$/;

function parseObject(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** OTPs never reach the ledger; it is readable by anyone who can reach the sandbox. */
function redact(value: Record<string, unknown> | null, raw: string): unknown {
  if (value) return 'otp' in value ? { ...value, otp: '[redacted]' } : value;
  return raw === '' ? null : raw.slice(0, 2000).replace(/("?otp"?\s*[:=]\s*"?)\d+/gi, '$1[redacted]');
}

function merchantKeyMatches(req: IncomingMessage, expected: string): boolean {
  const given = req.headers['x-merchant-key'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const createOmariSimulator: SimulatorFactory = (ctx) => {
  const state: OmariState = { ctx, config: () => readOmariConfig(ctx.options), transactions: new Map<string, OmariTransaction>() };

  const route = async (req: IncomingMessage, method: string, path: string, body: Record<string, unknown> | null): Promise<Reply> => {
    const endpoint = path.replace(/^\/uat(?=\/)/, '');
    if (!endpoint.startsWith(`${BASE}/`)) return routeNotFound(path);
    const cfg = state.config();
    if (!merchantKeyMatches(req, cfg.merchantKey)) return fail(FAILURES.invalidMerchantKey, cfg);

    const action = endpoint.slice(BASE.length);
    const queried = method === 'GET' ? QUERY_PATH.exec(action) : null;
    if (queried) return query(state, decodeURIComponent(queried[1] ?? ''));
    if (method !== 'POST' || !['/auth', '/request', '/requests', '/void'].includes(action)) return routeNotFound(path);
    if (!body) return fail(formatError('Malformed request: expected a JSON object body'), cfg);
    if (action === '/auth') return auth(state, body);
    if (action === '/void') return voidPayment(state, body);
    return confirm(state, body);
  };

  return {
    id: 'omari',
    magicNumbers: omariMagicNumbers,
    async handle(req, res, path, rawBody) {
      const method = req.method ?? 'GET';
      const body = parseObject(rawBody);
      await serveJson(ctx, res, {
        provider: 'omari',
        method,
        path,
        loggedBody: redact(body, rawBody),
        run: () => route(req, method, trimTrailingSlash(path), body),
        onCrash: () => fail(FAILURES.systemMalfunction, state.config()),
      });
    },
    reset() {
      state.transactions.clear();
    },
  };
};

export default createOmariSimulator;
