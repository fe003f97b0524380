import { getEnv } from '@/lib/env';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { handleMpesaCallback } from '@/lib/providers/mpesa/webhook';
import { getDb } from '@/lib/server/database';
import { loadStoredOptions } from '@/lib/providers/registry';

export const dynamic = 'force-dynamic';

const ACCEPTED = { ResultCode: 0, ResultDesc: 'Accepted' };

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const db = await getDb();
  const config = resolveMpesaConfig(getEnv(), (await loadStoredOptions(db)).mpesa);
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    body = null;
  }
  const outcome = await handleMpesaCallback(db, config, token, body);
  if (outcome.kind === 'forbidden') return Response.json({ ResultCode: 1, ResultDesc: 'Rejected' }, { status: 403 });
  if (outcome.kind === 'malformed') return Response.json({ ResultCode: 1, ResultDesc: 'Malformed callback' }, { status: 400 });
  // Unknown and duplicate callbacks are recorded and acknowledged so Daraja does not resend them.
  return Response.json(ACCEPTED);
}
