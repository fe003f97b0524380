// Posts signed payment and operation webhooks to the session's webhook_url. Ottu waits 15 s and
// retries only after a timeout, 3 attempts in all (providers.md §3.7); any answer ends it.
import { postJson, type DeliveryResult } from '../http-client';
import type { SandboxContext } from '../types';
import { WEBHOOK_ATTEMPTS, WEBHOOK_TIMEOUT_MS, type OttuSimConfig } from './config';

export async function deliverWebhook(ctx: SandboxContext, cfg: OttuSimConfig, url: string | null, payload: Record<string, unknown>, label: string): Promise<DeliveryResult | null> {
  if (!url) {
    ctx.record('ottu', { kind: 'webhook', label, sessionId: payload.session_id, skipped: 'no webhook_url on the session' });
    return null;
  }
  for (let attempt = 1; ; attempt += 1) {
    const result = await postJson(url, payload, { timeoutMs: WEBHOOK_TIMEOUT_MS, signal: ctx.signal, headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36' } });
    ctx.record('ottu', { kind: 'webhook', label, sessionId: payload.session_id, url, attempt, payload, ...(result.ok ? { status: result.status } : { error: result.error }) });
    const timedOut = !result.ok && result.error.includes('timed out');
    if (!timedOut || attempt >= WEBHOOK_ATTEMPTS || ctx.signal.aborted) return result;
    await ctx.sleep(cfg.webhookRetryMs);
  }
}
