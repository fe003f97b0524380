import { getEnv } from '@/lib/env';
import { resolveClickPesaConfig } from '@/lib/providers/clickpesa/config';
import { handleClickPesaWebhook } from '@/lib/providers/clickpesa/webhook';
import { CLICKPESA_SIGNATURE_HEADER } from '@/lib/providers/clickpesa/webhook-payload';
import { loadStoredOptions } from '@/lib/providers/registry';
import { getDb } from '@/lib/server/database';
import { BodyTooLargeError, readBodyCapped } from '@/lib/server/read-body';

export const dynamic = 'force-dynamic';

/** 64 KB is far above any ClickPesa webhook; anything bigger is not one. */
const MAX_BODY = 64 * 1024;

/**
 * The URL to register in ClickPesa's dashboard: {APP_URL}/api/webhooks/clickpesa. The body is
 * read raw so the checksum is verified on exactly what ClickPesa sent; the checksum may come in
 * the body or in the X-ClickPesa-Signature header (several SDKs read it there).
 */
export async function POST(req: Request): Promise<Response> {
  let raw: string;
  try {
    raw = await readBodyCapped(req, MAX_BODY);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return Response.json({ received: false, error: 'body too large' }, { status: 413 });
    throw error;
  }
  const db = await getDb();
  const config = resolveClickPesaConfig(getEnv(), (await loadStoredOptions(db)).clickpesa);
  const outcome = await handleClickPesaWebhook(db, config, raw, req.headers.get(CLICKPESA_SIGNATURE_HEADER));
  switch (outcome.kind) {
    case 'disabled':
      return Response.json({ received: false, error: 'ClickPesa is not configured' }, { status: 404 });
    case 'malformed':
      return Response.json({ received: false, error: 'malformed webhook' }, { status: 400 });
    case 'forged':
      return Response.json({ received: false, error: 'invalid checksum' }, { status: 401 });
    default:
      // Unknown references and duplicates are recorded and acknowledged so they are not resent.
      return Response.json({ received: true });
  }
}
