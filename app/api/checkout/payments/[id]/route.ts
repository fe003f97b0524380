import { paymentIdParams, shopperPollQuery } from '@/lib/api/payment-schemas';
import { throttleShopperRequest } from '@/lib/limits/shopper-requests';
import { pollShopperView } from '@/lib/payments/shopper-poll';
import { getDb } from '@/lib/server/database';
import { getPaymentChangeHub } from '@/lib/server/payment-changes';
import { longPollMilliseconds } from '@/lib/shop/checkout';
import { CAPABILITY_PARAM } from '@/lib/shop/shopper-paths';
import { findShopperPayment } from '@/lib/shop/shopper-access';

export const dynamic = 'force-dynamic';

/**
 * The shopper's status poll. No API key: the order's capability (`?key=`) is, and without it the
 * payment is a 404 like a missing one. The answer holds nothing secret (masked phone, no provider
 * payloads). It only reads what the server knows; the browser never decides an outcome. With
 * `?wait=<version>` it is a long poll: it answers as soon as the payment differs from that
 * version, at the latest after the wait cap.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const db = await getDb();
  // Per IP, before anything else: guessing ids costs the same as polling one.
  const throttled = await throttleShopperRequest(db, 'poll', req);
  if (throttled) return throttled;
  const parsed = paymentIdParams.safeParse(await params);
  if (!parsed.success) return Response.json({ error: 'not found' }, { status: 404 });
  const url = new URL(req.url);
  const query = shopperPollQuery.safeParse({ wait: url.searchParams.get('wait') ?? undefined });
  if (!query.success) return Response.json({ error: `wait ${query.error.issues[0]?.message ?? 'is malformed'}`, field: 'wait' }, { status: 400 });
  if (!(await findShopperPayment(db, parsed.data.id, url.searchParams.get(CAPABILITY_PARAM)))) return Response.json({ error: 'not found' }, { status: 404 });
  const hub = query.data.wait ? await getPaymentChangeHub() : null;
  const view = await pollShopperView(db, hub, { id: parsed.data.id, wait: query.data.wait, maxWaitMs: longPollMilliseconds(), signal: req.signal });
  if (!view) return Response.json({ error: 'not found' }, { status: 404 });
  return Response.json(view, { headers: { 'cache-control': 'no-store' } });
}
