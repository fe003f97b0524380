// Ottu (Kuwait / GCC cards) simulator, providers.md §3. Mounted under /ottu, so the app's base URL
// is http://host:port/ottu (a merchant's instance is https://<merchant>.ottu.net).
//
// API (Api-Key or Basic auth; JSON, form-urlencoded or multipart bodies):
//   POST /b/checkout/v1/pymt-txn/              create a checkout session (201)
//   GET|PATCH|PUT /b/checkout/v1/pymt-txn/{id}[/]  retrieve / update (amount, attachment)
//   POST /b/pbl/v2/payment-methods/            POST /b/pbl/v2/inquiry/ (throttled)
//   POST /b/pbl/v2/operation/                  cancel|expire|delete|capture|refund|void (Tracking-Key)
//   POST /b/pbl/v2/card/   DELETE /b/pbl/v2/card/{token}/?customer_id=&type=
//   POST /b/pbl/v2/auto-debit/ (alias /b/pbl/v2/payment/auto-debit/)
// Hosted page (no auth): GET /b/checkout/redirect/start/?session_id=…, its forms post to
// /b/checkout/redirect/pay/ and /b/checkout/redirect/3ds/. Options: config.ts. Test cards: magic.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redirect, requestUrl, sendHtml, sendJson } from '../http';
import { trimTrailingSlash } from '../serve';
import type { SimulatorFactory } from '../types';
import { authenticate } from './auth';
import { readOttuConfig } from './config';
import { autoDebit, createSession, deleteCard, inquiry, listCards, paymentMethods, retrieveSession, updateSession } from './handlers';
import { startPage, submitPayment } from './hosted-page';
import { ottuMagicCards } from './magic';
import { boundaryOf, parseMultipart, type Part } from './multipart';
import { runOperation } from './operations';
import { redact } from './redact';
import { detail, type Reply } from './replies';
import type { OttuState } from './state';

const SESSION_PATH = /^\/b\/checkout\/v1\/pymt-txn\/([^/]+)$/;
const CARD_PATH = /^\/b\/pbl\/v2\/card\/([^/]+)$/;

interface Parsed {
  body: Record<string, unknown> | null;
  files: Part[];
  unsupported?: string;
}

function parseBody(req: IncomingMessage, text: string, raw: Buffer | undefined): Parsed {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (text === '' && !raw?.length) return { body: {}, files: [] };
  if (type === 'application/x-www-form-urlencoded') return { body: Object.fromEntries(new URLSearchParams(text)), files: [] };
  if (type === 'multipart/form-data') {
    const boundary = boundaryOf(req.headers['content-type']);
    const parts = boundary ? parseMultipart(raw ?? Buffer.from(text, 'utf8'), boundary) : [];
    const body = Object.fromEntries(parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.data.toString('utf8')]));
    return { body, files: parts.filter((p) => p.filename !== undefined) };
  }
  if (type !== 'application/json' && type !== '') return { body: null, files: [], unsupported: type };
  try {
    const value: unknown = JSON.parse(text);
    return { body: value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null, files: [] };
  } catch {
    return { body: null, files: [] };
  }
}

const originOf = (req: IncomingMessage) => `http://${req.headers.host ?? '127.0.0.1'}/ottu`;

export const createOttuSimulator: SimulatorFactory = (ctx) => {
  const state: OttuState = { ctx, config: () => readOttuConfig(ctx.options), sessions: new Map(), cards: new Map(), operations: new Map() };

  const api = async (req: IncomingMessage, method: string, path: string, parsed: Parsed): Promise<Reply> => {
    const denied = authenticate(req, state.config());
    if (denied) return denied;
    if (parsed.unsupported) return detail(415, `Unsupported media type "${parsed.unsupported}" in request.`);
    const body = parsed.body;
    if (!body) return detail(400, 'JSON parse error - the request body must be a JSON object.');
    const header = req.headers['tracking-key'];
    const trackingKey = Array.isArray(header) ? header[0] : header;
    const session = SESSION_PATH.exec(path);
    if (session) {
      const id = decodeURIComponent(session[1] ?? '');
      if (method === 'GET') return retrieveSession(state, id);
      if (method === 'PATCH' || method === 'PUT') return updateSession(state, id, body, parsed.files);
    }
    const card = CARD_PATH.exec(path);
    if (card && method === 'DELETE') return deleteCard(state, decodeURIComponent(card[1] ?? ''), requestUrl(req).searchParams);
    if (method === 'POST') {
      switch (path) {
        case '/b/checkout/v1/pymt-txn': return createSession(state, body, originOf(req));
        case '/b/pbl/v2/payment-methods': return paymentMethods(body);
        case '/b/pbl/v2/inquiry': return inquiry(state, body);
        case '/b/pbl/v2/operation': return runOperation(state, body, trackingKey);
        case '/b/pbl/v2/card': return listCards(state, body);
        case '/b/pbl/v2/auto-debit':
        case '/b/pbl/v2/payment/auto-debit': return autoDebit(state, body);
      }
    }
    return session || card ? detail(405, `Method "${method}" not allowed.`) : detail(404, 'Not found.');
  };

  const route = async (req: IncomingMessage, method: string, path: string, text: string, raw: Buffer | undefined): Promise<Reply> => {
    if (method === 'GET' && path === '/b/checkout/redirect/start') return startPage(state, requestUrl(req).searchParams.get('session_id'));
    if (method === 'POST' && path === '/b/checkout/redirect/pay') return submitPayment(state, new URLSearchParams(text), 'card');
    if (method === 'POST' && path === '/b/checkout/redirect/3ds') return submitPayment(state, new URLSearchParams(text), '3ds');
    return api(req, method, path, parseBody(req, text, raw));
  };

  const send = (res: ServerResponse, r: Reply) => {
    if (r.location) return redirect(res, r.location);
    if (r.html !== undefined) return sendHtml(res, r.status, r.html);
    if (r.status === 204) return void res.writeHead(204).end();
    sendJson(res, r.status, r.body);
  };

  return {
    id: 'ottu',
    magicNumbers: ottuMagicCards,
    async handle(req, res, path, body, raw) {
      const method = req.method ?? 'GET';
      let result: Reply;
      try {
        result = await route(req, method, trimTrailingSlash(path), body, raw);
      } catch (err) {
        ctx.record('ottu', { kind: 'error', method, path, error: err instanceof Error ? err.message : String(err) });
        result = detail(500, 'A server error occurred.');
      }
      const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/');
      ctx.record('ottu', {
        kind: 'request', method, path, status: result.status,
        body: multipart ? '[multipart]' : redact(parseBody(req, body, raw).body ?? body.slice(0, 2000)),
        response: result.html !== undefined ? '[html]' : (result.location ?? redact(result.body)),
        ...result.ledger,
      });
      send(res, result);
    },
    reset() {
      state.sessions.clear();
      state.cards.clear();
      state.operations.clear();
    },
  };
};

export default createOttuSimulator;
