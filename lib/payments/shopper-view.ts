import 'server-only';
import type { Db } from '@/db';
import { getProvider } from '@/lib/providers/registry';
import type { ProviderId } from '@/lib/providers/types';
import { formatMoney, type Currency } from './money';
import type { Payment } from './payment-store';
import { maskMsisdn } from './phone';
import { isRetryable, isTerminal, type PaymentStatus } from './state-machine';

/** What the shopper's pages and the public status endpoint may show: nothing secret. */
export interface ShopperPaymentView {
  id: string;
  status: PaymentStatus;
  terminal: boolean;
  retryable: boolean;
  provider: string;
  providerName: string;
  amount: string;
  phone: string | null;
  receipt: string | null;
  otpReference: string | null;
  message: string;
  /** Milliseconds since the epoch when the prompt stops being answerable. */
  expiresAt: number | null;
  createdAt: number;
  orderId: string;
  /** The server's clock when this view was made: the page's first clock reading. */
  serverTime: number;
}

export async function shopperViewOf(db: Db, payment: Payment): Promise<ShopperPaymentView> {
  const provider = await getProvider(db, payment.provider as ProviderId);
  const status = payment.status as PaymentStatus;
  return {
    id: payment.id,
    status,
    terminal: isTerminal(status),
    retryable: isRetryable(status),
    provider: payment.provider,
    providerName: provider?.displayName ?? payment.provider,
    amount: formatMoney(payment.amountMinor, payment.currency as Currency),
    phone: payment.msisdn ? maskMsisdn(payment.msisdn) : null,
    receipt: payment.receipt,
    otpReference: payment.otpReference,
    message: messageFor(status, payment, provider?.shopperMessage),
    expiresAt: payment.expiresAt?.getTime() ?? null,
    createdAt: payment.createdAt.getTime(),
    orderId: payment.orderId,
    serverTime: Date.now(),
  };
}

function messageFor(status: PaymentStatus, payment: Payment, explain?: (o: { status: string; code?: string | null }) => string): string {
  switch (status) {
    case 'success':
      return 'Payment received. Thank you!';
    case 'pending':
    case 'processing':
      return 'Check your phone and enter your PIN to approve the payment.';
    case 'awaiting_otp':
      return 'Enter the code we sent to your phone.';
    case 'expired':
      return 'The request expired before it was completed. You have not been charged; try again.';
    default:
      if (payment.failureCode === 'provider_unavailable') return 'The payment service is not answering right now. You have not been charged; please try again in a minute.';
      return explain?.({ status, code: payment.failureCode }) ?? 'The payment did not go through. Please try again.';
  }
}
