import { paymentIdParams } from '@/lib/api/payment-schemas';
import { shopperViewOf } from '@/lib/payments/shopper-view';
import { getDb } from '@/lib/server/database';
import { CAPABILITY_PARAM } from '@/lib/shop/shopper-paths';
import { findShopperPayment } from '@/lib/shop/shopper-access';

export const dynamic = 'force-dynamic';

/**
 * The shopper's status poll. No API key: the order's capability (`?key=`) is, and without it the
 * payment is a 404 like a missing one. The answer holds nothing secret (masked phone, no provider payloads). It only reads what the
 * server knows; the browser never decides an outcome.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = paymentIdParams.safeParse(await params);
  if (!parsed.success) return Response.json({ error: 'not found' }, { status: 404 });
  const db = await getDb();
  const found = await findShopperPayment(db, parsed.data.id, new URL(req.url).searchParams.get(CAPABILITY_PARAM));
  if (!found) return Response.json({ error: 'not found' }, { status: 404 });
  return Response.json(await shopperViewOf(db, found.payment), { headers: { 'cache-control': 'no-store' } });
}
