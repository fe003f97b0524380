// Qmoney (QCell, The Gambia) simulator, providers.md §5, as the openIMIS integration uses it:
// login → getMoney (OTP by SMS) → verifyCode. Mounted under /qmoney, so the app's base URL is
// http://host:port/qmoney.
//
// Routes: POST /login (Basic), POST /getMoney and POST /verifyCode (Bearer from /login).
// Options: see config.ts. Magic numbers: see magic.ts.
import type { IncomingMessage } from 'node:http';
import { serveJson, trimTrailingSlash } from '../serve';
import type { SimulatorFactory } from '../types';
import { readQmoneyConfig } from './config';
import { login } from './login';
import { qmoneyMagicNumbers } from './magic';
import { getMoney, verifyCode, type QmoneyState } from './payments';
import { OAUTH, springError, type Reply } from './replies';
import { createQmoneyTokens } from './tokens';

const ROUTES = new Set(['/login', '/getMoney', '/verifyCode']);
const SECRET_KEYS = new Set(['password', 'transactionpin', 'otp', 'access_token']);
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(body: string): Parsed {
  if (body.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Passwords, PINs, OTPs and tokens never reach the ledger. */
function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[redacted-jwt]');
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k.toLowerCase()) ? '[redacted]' : redact(v)]));
  }
  return value;
}

export const createQmoneySimulator: SimulatorFactory = (ctx) => {
  const tokens = createQmoneyTokens();
  const state: QmoneyState = { ctx, config: () => readQmoneyConfig(ctx.options), sessions: new Map(), balances: new Map() };

  const route = async (req: IncomingMessage, method: string, path: string, parsed: Parsed): Promise<Reply> => {
    if (!ROUTES.has(path)) return springError(404, 'Not Found', path);
    if (method !== 'POST') return springError(405, 'Method Not Allowed', path);
    const authorization = req.headers.authorization;
    if (path === '/login') {
      if (!parsed.ok) return springError(400, 'Bad Request', path);
      const body = parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as Record<string, unknown>) : {};
      return login(state.config(), tokens, authorization, body);
    }
    const token = tokens.check(authorization);
    if (!token.ok) {
      if (token.reason === 'missing') return OAUTH.fullAuthRequired();
      return token.reason === 'expired' ? OAUTH.expired(token.token) : OAUTH.cannotConvert();
    }
    if (path === '/getMoney') return parsed.ok ? getMoney(state, parsed.value) : springError(400, 'Bad Request', path);
    // verifyCode treats an unreadable body like an empty one: -20002.
    return verifyCode(state, parsed.ok ? parsed.value : {});
  };

  return {
    id: 'qmoney',
    magicNumbers: qmoneyMagicNumbers,
    async handle(req, res, path, rawBody) {
      const method = req.method ?? 'GET';
      const parsed = parseJson(rawBody);
      await serveJson(ctx, res, {
        provider: 'qmoney',
        method,
        path,
        loggedBody: parsed.ok ? redact(parsed.value) : '[unparseable body]',
        run: () => route(req, method, trimTrailingSlash(path), parsed),
        onCrash: () => springError(500, 'Internal Server Error', trimTrailingSlash(path)),
        redactResponse: redact,
      });
    },
    reset() {
      state.sessions.clear();
      state.balances.clear();
    },
  };
};

export default createQmoneySimulator;
