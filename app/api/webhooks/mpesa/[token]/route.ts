import { getEnv } from '@/lib/env';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { handleMpesaCallback, isMpesaCallbackToken } from '@/lib/providers/mpesa/webhook';
import { BodyTooLargeError, readBodyCapped } from '@/lib/server/read-body';
import { getDb } from '@/lib/server/database';
import { storableText } from '@/lib/payments/redact';
import { loadStoredOptions } from '@/lib/providers/registry';

export const dynamic = 'force-dynamic';

const ACCEPTED = { ResultCode: 0, ResultDesc: 'Accepted' };
const REJECTED = { ResultCode: 1, ResultDesc: 'Rejected' };
/** An STK callback is well under 2 KB; 64 KB leaves room for any future field. */
const MAX_BODY = 64 * 1024;

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const db = await getDb();
  const config = resolveMpesaConfig(getEnv(), (await loadStoredOptions(db)).mpesa);
  // The token first: a stranger's body is never read, whatever its size.
  if (!isMpesaCallbackToken(config, token)) return Response.json(REJECTED, { status: 403 });
  let body: unknown;
  try {
    // NUL and lone surrogates cannot be stored anywhere (a ResultDesc becomes a failure message).
    body = storableText(JSON.parse(await readBodyCapped(req, MAX_BODY)));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return Response.json({ ResultCode: 1, ResultDesc: 'Body too large' }, { status: 413 });
    body = null;
  }
  const outcome = await handleMpesaCallback(db, config, token, body);
  if (outcome.kind === 'forbidden') return Response.json(REJECTED, { status: 403 });
  if (outcome.kind === 'malformed') return Response.json({ ResultCode: 1, ResultDesc: 'Malformed callback' }, { status: 400 });
  // Unknown and duplicate callbacks are recorded and acknowledged so Daraja does not resend them.
  return Response.json(ACCEPTED);
}
