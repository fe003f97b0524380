// Outgoing JSON POSTs for provider callbacks and webhooks. Never throws: a delivery that fails
// (app down, timeout, sandbox closing) is a result to record, not a crash.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type DeliveryResult =
  | { ok: true; status: number; body: string; durationMs: number }
  | { ok: false; error: string; durationMs: number };

export interface PostOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const MAX_RESPONSE_CHARS = 64 * 1024;

export function postJson(url: string, body: unknown, opts: PostOptions): Promise<DeliveryResult> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, error: `invalid URL: ${url}`, durationMs: 0 });
      return;
    }
    const payload = JSON.stringify(body);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      // agent:false → a fresh connection that closes afterwards, so no pooled socket outlives close().
      agent: false,
      signal: opts.signal,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        ...opts.headers,
      },
    });
    // A total deadline, not an idle timeout: a server that trickles bytes still fails in time.
    const deadline = setTimeout(() => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < MAX_RESPONSE_CHARS) text += chunk;
      });
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ ok: true, status: res.statusCode ?? 0, body: text.slice(0, MAX_RESPONSE_CHARS), durationMs: elapsed() });
      });
      res.on('error', (err) => {
        clearTimeout(deadline);
        resolve({ ok: false, error: err.message, durationMs: elapsed() });
      });
    });
    req.on('error', (err) => {
      clearTimeout(deadline);
      resolve({ ok: false, error: err.message, durationMs: elapsed() });
    });
    req.end(payload);
  });
}
