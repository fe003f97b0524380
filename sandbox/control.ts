// JSON control API under /_sandbox/ for tests and scripts, plus the form targets of /phone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redirect, requestUrl, sendJson, wantsJson } from './http';
import type { SandboxRuntime } from './runtime';

const PROMPT_ACTION = /^\/_sandbox\/prompts\/([^/]+)\/(approve|decline)$/;

/** Where a phone-page form goes back to, keeping its msisdn filter. */
function phonePageUrl(body: string): string {
  const msisdn = new URLSearchParams(body).get('msisdn')?.trim();
  return msisdn ? `/phone?msisdn=${encodeURIComponent(msisdn)}` : '/phone';
}

function answerPrompt(rt: SandboxRuntime, req: IncomingMessage, res: ServerResponse, id: string, approved: boolean, body: string) {
  const result = rt.phone.answer(id, approved);
  if (!wantsJson(req)) {
    // The phone page shows what happened (answered, or already expired) on its next render.
    redirect(res, phonePageUrl(body));
    return;
  }
  if (result.ok) sendJson(res, 200, { ok: true, prompt: result.prompt });
  else if (result.reason === 'not_found') sendJson(res, 404, { ok: false, error: 'not_found' });
  else sendJson(res, 409, { ok: false, error: 'not_pending', prompt: result.prompt });
}

/** Returns false when the path is not a control route. */
export function handleControl(
  rt: SandboxRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: string,
): boolean {
  const method = req.method ?? 'GET';
  const query = requestUrl(req).searchParams;
  const msisdn = query.get('msisdn')?.trim() || undefined;

  const action = PROMPT_ACTION.exec(path);
  if (action && method === 'POST') {
    answerPrompt(rt, req, res, decodeURIComponent(action[1] ?? ''), action[2] === 'approve', body);
    return true;
  }

  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /_sandbox/health':
      sendJson(res, 200, { ok: true });
      return true;
    case 'GET /_sandbox/prompts': {
      const status = query.get('status');
      const prompts = rt.phone.prompts(msisdn).filter((p) => !status || p.status === status);
      sendJson(res, 200, { prompts });
      return true;
    }
    case 'GET /_sandbox/sms':
      sendJson(res, 200, { messages: rt.phone.sms(msisdn) });
      return true;
    case 'GET /_sandbox/ledger':
      sendJson(res, 200, { entries: rt.ledger.list(query.get('provider') || undefined) });
      return true;
    case 'POST /_sandbox/reset':
      rt.reset();
      sendJson(res, 200, { ok: true });
      return true;
    default:
      return false;
  }
}
