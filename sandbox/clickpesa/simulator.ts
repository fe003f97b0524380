// ClickPesa (Tanzania) USSD-push simulator, providers.md §2. Mounted under /clickpesa, so the app's
// base URL is http://host:port/clickpesa/third-parties.
//
// Routes (inside the /clickpesa prefix):
//   POST /third-parties/generate-token
//   POST /third-parties/payments/preview-ussd-push-request
//   POST /third-parties/payments/initiate-ussd-push-request
//   GET  /third-parties/payments/{orderReference}
//   GET|POST /_control/webhook-url   sandbox only: read or set the webhook URL at runtime
//        (body {"url":"http://..."}; {"url":null} falls back to the clickpesaWebhookUrl option)
// Options: see config.ts. Magic numbers: see magic.ts.
import { serveJson, trimTrailingSlash } from '../serve';
import type { SimulatorFactory } from '../types';
import { readClickPesaConfig } from './config';
import { generateToken, initiate, preview, query, type ClickPesaState } from './handlers';
import { createLifecycle } from './lifecycle';
import { clickpesaMagicNumbers } from './magic';
import type { Payment } from './payments';
import { redact } from './redact';
import { messageReply, reply, routeNotFound, type Reply } from './replies';
import { createTokenIssuer } from './tokens';

const API = '/third-parties';
const PAYMENT_PATH = /^\/third-parties\/payments\/([^/]+)$/;

function parseObject(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const createClickPesaSimulator: SimulatorFactory = (ctx) => {
  const payments = new Map<string, Payment>();
  let webhookUrlOverride: string | undefined;
  const config = () => readClickPesaConfig(ctx.options);
  const webhookUrl = () => webhookUrlOverride ?? config().webhookUrl;
  const state: ClickPesaState = {
    ctx,
    config,
    tokens: createTokenIssuer(),
    payments,
    lifecycle: createLifecycle(ctx, payments, config, webhookUrl),
  };

  const setWebhookUrl = (body: Record<string, unknown> | null): Reply => {
    const url = body?.url;
    if (url === null || url === '') webhookUrlOverride = undefined;
    else if (typeof url === 'string' && /^https?:\/\/\S+$/.test(url)) webhookUrlOverride = url;
    else return messageReply(400, 'Body must be {"url": "http(s)://..."} or {"url": null}');
    return reply(200, { url: webhookUrl() ?? null });
  };

  const route = async (method: string, path: string, req: Parameters<typeof generateToken>[1], raw: string): Promise<Reply> => {
    const body = parseObject(raw);
    if (path === '/_control/webhook-url') {
      if (method === 'GET') return reply(200, { url: webhookUrl() ?? null });
      if (method === 'POST') return setWebhookUrl(body);
    }
    if (method === 'POST' && path === `${API}/generate-token`) return generateToken(state, req);
    if (method === 'POST' && (path === `${API}/payments/preview-ussd-push-request` || path === `${API}/payments/initiate-ussd-push-request`)) {
      if (!body) return reply(400, { statusCode: 400, message: 'Request body must be a JSON object', error: 'Bad Request' });
      return path.endsWith('/preview-ussd-push-request') ? preview(state, req, body) : initiate(state, req, body);
    }
    const match = method === 'GET' ? PAYMENT_PATH.exec(path) : null;
    if (match) return query(state, req, decodeURIComponent(match[1] ?? ''));
    return routeNotFound(method, path);
  };

  return {
    id: 'clickpesa',
    magicNumbers: clickpesaMagicNumbers,
    async handle(req, res, path, body) {
      const method = req.method ?? 'GET';
      await serveJson(ctx, res, {
        provider: 'clickpesa',
        method,
        path,
        loggedBody: redact(parseObject(body) ?? (body === '' ? null : body.slice(0, 2000))),
        run: () => route(method, trimTrailingSlash(path), req, body),
        onCrash: () => messageReply(500, 'Internal server error'),
        redactResponse: redact,
      });
    },
    reset() {
      // Tokens are stateless and the webhook URL is configuration: both survive a reset.
      payments.clear();
    },
  };
};

export default createClickPesaSimulator;
