import { paymentIdParams } from '@/lib/api/payment-schemas';
import { findPayment } from '@/lib/payments';
import { shopperViewOf } from '@/lib/payments/shopper-view';
import { throttleShopperRequest } from '@/lib/limits/shopper-requests';
import { getDb } from '@/lib/server/database';

export const dynamic = 'force-dynamic';

/**
 * The shopper's status poll. No API key: the unguessable payment id is the capability, and the
 * answer holds nothing secret (masked phone, no provider payloads). It only reads what the
 * server knows; the browser never decides an outcome.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const db = await getDb();
  // Per IP, before anything else: guessing ids costs the same as polling one.
  const throttled = await throttleShopperRequest(db, 'poll', req);
  if (throttled) return throttled;
  const parsed = paymentIdParams.safeParse(await params);
  if (!parsed.success) return Response.json({ error: 'not found' }, { status: 404 });
  const payment = await findPayment(db, parsed.data.id);
  if (!payment) return Response.json({ error: 'not found' }, { status: 404 });
  return Response.json(await shopperViewOf(db, payment), { headers: { 'cache-control': 'no-store' } });
}
