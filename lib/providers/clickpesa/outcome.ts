// A ClickPesa payment record (status query or webhook data) → our ProviderOutcome.
import { MoneyError, providerAmountToMinor } from '@/lib/payments/money';
import type { ProviderOutcome } from '../types';
import { failureCodeFor, mapClickPesaStatus } from './statuses';

export interface ClickPesaRecordFields {
  status: string;
  /** ClickPesa's transaction id (e.g. ORD123LCP7890). */
  id?: string | null;
  /** The receipt-like reference on a completed payment. */
  paymentReference?: string | null;
  collectedAmount?: string | number | null;
  collectedCurrency?: string | null;
  message?: string | null;
  channel?: string | null;
}

export function outcomeFromRecord(record: ClickPesaRecordFields): ProviderOutcome {
  const status = mapClickPesaStatus(record.status);
  const outcome: ProviderOutcome = {
    status,
    providerStatus: record.status,
    message: record.message ?? undefined,
    providerTransactionId: record.id ?? undefined,
    receipt: record.paymentReference ?? undefined,
    notes: record.channel ? { channel: record.channel } : undefined,
  };
  if (status === 'failed') outcome.code = failureCodeFor(record.message ?? undefined);
  if (status === 'success') outcome.amountMinor = collectedMinor(record);
  return outcome;
}

/**
 * The amount ClickPesa says it collected, for the payment core's mismatch check. Absent stays
 * absent; anything unreadable or in another currency becomes -1, which never matches.
 */
function collectedMinor(record: ClickPesaRecordFields): number | undefined {
  if (record.collectedAmount === undefined || record.collectedAmount === null) return undefined;
  if (record.collectedCurrency && record.collectedCurrency !== 'TZS') return -1;
  try {
    return providerAmountToMinor(record.collectedAmount, 'TZS');
  } catch (error) {
    if (error instanceof MoneyError) return -1;
    throw error;
  }
}
