// Payments written straight into the table with chosen timestamps and statuses, for list,
// totals, CSV and dashboard tests (the payment flow itself is covered by the flow tests).
import type { DbOrTx } from '@/db';
import { orders, payments } from '@/db/schema';
import { newId, newOrderReference } from '@/lib/payments/ids';

export interface PaymentFixture {
  provider?: string;
  status?: string;
  currency?: string;
  amountMinor?: number;
  msisdn?: string | null;
  receipt?: string | null;
  providerReference?: string | null;
  attention?: string | null;
  createdAt?: Date;
  expiresAt?: Date | null;
  orderReference?: string;
}

export async function insertPayment(db: DbOrTx, f: PaymentFixture = {}) {
  const currency = f.currency ?? 'KES';
  const amountMinor = f.amountMinor ?? 10_000;
  const [order] = await db
    .insert(orders)
    .values({ id: newId('ord'), reference: f.orderReference ?? newOrderReference(), description: 'Fixture order', currency, totalMinor: amountMinor, source: 'api' })
    .returning();
  const [payment] = await db
    .insert(payments)
    .values({
      id: newId('pay'),
      orderId: order!.id,
      provider: f.provider ?? 'mpesa',
      status: f.status ?? 'success',
      currency,
      amountMinor,
      msisdn: f.msisdn === undefined ? '254712345678' : f.msisdn,
      receipt: f.receipt ?? null,
      providerReference: f.providerReference === undefined ? `ws_CO_${newId('pay').slice(4)}` : f.providerReference,
      attention: f.attention ?? null,
      createdAt: f.createdAt ?? new Date(),
      expiresAt: f.expiresAt ?? null,
    })
    .returning();
  return { ...payment!, orderReference: order!.reference };
}
