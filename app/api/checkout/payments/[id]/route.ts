import { paymentIdParams, shopperPollQuery } from '@/lib/api/payment-schemas';
import { pollShopperView } from '@/lib/payments/shopper-poll';
import { getDb } from '@/lib/server/database';
import { getPaymentChangeHub } from '@/lib/server/payment-changes';
import { longPollMilliseconds } from '@/lib/shop/checkout';

export const dynamic = 'force-dynamic';

/**
 * The shopper's status poll. No API key: the unguessable payment id is the capability, and the
 * answer holds nothing secret (masked phone, no provider payloads). It only reads what the
 * server knows; the browser never decides an outcome. With `?wait=<version>` it is a long poll:
 * it answers as soon as the payment differs from that version, at the latest after the wait cap.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = paymentIdParams.safeParse(await params);
  if (!parsed.success) return Response.json({ error: 'not found' }, { status: 404 });
  const query = shopperPollQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return Response.json({ error: `wait ${query.error.issues[0]?.message ?? 'is malformed'}`, field: 'wait' }, { status: 400 });
  const hub = query.data.wait ? await getPaymentChangeHub() : null;
  const view = await pollShopperView(await getDb(), hub, { id: parsed.data.id, wait: query.data.wait, maxWaitMs: longPollMilliseconds(), signal: req.signal });
  if (!view) return Response.json({ error: 'not found' }, { status: 404 });
  return Response.json(view, { headers: { 'cache-control': 'no-store' } });
}
