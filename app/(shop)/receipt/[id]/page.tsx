import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { OrderSummary } from '@/components/checkout/order-summary';
import { Card, Row } from '@/components/ui/card';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { formatMoney, type Currency } from '@/lib/payments/money';
import { maskMsisdn } from '@/lib/payments/phone';
import { manifestOf } from '@/lib/providers/catalog';
import { getDb } from '@/lib/server/database';
import { findShopperPayment } from '@/lib/shop/shopper-access';
import { CAPABILITY_PARAM, shopperPaths } from '@/lib/shop/shopper-paths';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Receipt', robots: { index: false } };


export default async function ReceiptPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = paymentIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  const db = await getDb();
  const key = (await searchParams)[CAPABILITY_PARAM];
  // Without the capability the payment is as unknown as a missing one.
  const found = await findShopperPayment(db, parsed.data.id, key);
  if (!found) notFound();
  const { payment, order } = found;
  const capability = String(key);
  if (payment.status !== 'success') redirect(shopperPaths.pay(payment.id, capability));
  return (
    <div className="space-y-4">
      <div className="rounded-xl bg-green-50 p-4 text-green-900" role="status">
        <h1 className="text-2xl font-bold">Payment received</h1>
        <p>Thank you! Keep this page or the SMS from your provider as proof of payment.</p>
      </div>
      <Card>
        <dl>
          <Row label="Amount">{formatMoney(payment.amountMinor, payment.currency as Currency)}</Row>
          <Row label={manifestOf(payment.provider)?.receiptLabel ?? 'Reference'}>
            <span data-testid="receipt-number">{payment.receipt ?? payment.providerTransactionId ?? 'in your SMS from the provider'}</span>
          </Row>
          {payment.msisdn && <Row label="Paid from">{maskMsisdn(payment.msisdn)}</Row>}
          <Row label="Date">{(payment.completedAt ?? payment.updatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</Row>
        </dl>
      </Card>
      <OrderSummary order={order} />
      <Link href={shopperPaths.order(order.reference, capability)} className="block text-center text-brand-700 underline underline-offset-2">
        Back to the order
      </Link>
    </div>
  );
}
