import 'server-only';
import type { DbOrTx } from '@/db';
import { iteratePayments, type PaymentListRow } from '@/lib/payments/list-payments';
import type { PaymentSelection } from '@/lib/payments/payment-filters';
import { decimalAmount, displayMsisdn } from './present';

const COLUMNS: [string, (p: PaymentListRow, role: string) => string | null][] = [
  ['payment_id', (p) => p.id],
  ['created_at', (p) => p.createdAt.toISOString()],
  ['completed_at', (p) => p.completedAt?.toISOString() ?? null],
  ['provider', (p) => p.provider],
  ['status', (p) => p.status],
  ['currency', (p) => p.currency],
  ['amount', (p) => decimalAmount(p.amountMinor, p.currency)],
  ['msisdn', (p, role) => displayMsisdn(p.msisdn, role)],
  ['order_reference', (p) => p.orderReference],
  ['merchant_reference', (p) => p.reference],
  ['receipt', (p) => p.receipt],
  ['provider_reference', (p) => p.providerReference],
  ['provider_transaction_id', (p) => p.providerTransactionId],
  ['failure_code', (p) => p.failureCode],
  ['failure_message', (p) => p.failureMessage],
  ['attention', (p) => p.attention],
];

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula
 * (=, +, -, @): failure messages come from providers and references from merchants.
 */
export function csvCell(value: string | null): string {
  if (value === null || value === '') return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvHeader(): string {
  return `${COLUMNS.map(([name]) => name).join(',')}\r\n`;
}

export function csvRow(payment: PaymentListRow, role: string): string {
  return `${COLUMNS.map(([, get]) => csvCell(get(payment, role))).join(',')}\r\n`;
}

/**
 * The CSV of everything the selection matches, as a byte stream pulled by the client: each
 * batch is fetched only when the previous one was sent (backpressure), so memory stays at one
 * batch whatever the row count.
 */
export function paymentsCsvStream(db: DbOrTx, selection: PaymentSelection, role: string, batchSize = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iteratePayments(db, selection, batchSize);
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvHeader()}`));
          return;
        }
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((p) => csvRow(p, role)).join('')));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
