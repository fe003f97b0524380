// ClickPesa's record of a USSD push payment, and the shapes it is shown in on the wire.
import type { ClickPesaScenario } from './magic';
import type { ClickPesaChannel } from './network';

export type PaymentStatus = 'PROCESSING' | 'SUCCESS' | 'SETTLED' | 'FAILED';

export interface Payment {
  id: string;
  orderReference: string;
  amount: string;
  currency: 'TZS';
  phoneNumber: string;
  channel: ClickPesaChannel;
  clientId: string;
  scenario: ClickPesaScenario;
  status: PaymentStatus;
  message: string;
  paymentReference: string | undefined;
  createdAt: Date;
  updatedAt: Date;
}

export const CUSTOMER_NAME = 'Sandbox Customer';

/** The initiate response: amount echoed as a string, timestamp without milliseconds. */
export function initiateView(p: Payment) {
  return {
    id: p.id,
    status: p.status,
    channel: p.channel,
    orderReference: p.orderReference,
    collectedAmount: p.amount,
    collectedCurrency: p.currency,
    createdAt: p.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    clientId: p.clientId,
  };
}

/** One element of GET /payments/{ref}: here ClickPesa types collectedAmount as a number. */
export function queryView(p: Payment) {
  return {
    id: p.id,
    status: p.status,
    // Only a completed payment has a provider reference; omitted (not null) before that.
    ...(p.paymentReference ? { paymentReference: p.paymentReference } : {}),
    orderReference: p.orderReference,
    collectedAmount: Number(p.amount),
    collectedCurrency: p.currency,
    message: p.message,
    updatedAt: p.updatedAt.toISOString(),
    createdAt: p.createdAt.toISOString(),
    customer: { customerName: CUSTOMER_NAME, customerPhoneNumber: p.phoneNumber, customerEmail: null },
  };
}

/** PAYMENT RECEIVED uses `event` and the current (2025) field generation. */
export function receivedEvent(p: Payment) {
  return {
    event: 'PAYMENT RECEIVED',
    data: {
      id: p.id,
      status: p.status,
      paymentReference: p.paymentReference,
      orderReference: p.orderReference,
      collectedAmount: p.amount,
      collectedCurrency: p.currency,
      message: p.message,
      channel: p.channel,
      updatedAt: p.updatedAt.toISOString(),
      createdAt: p.createdAt.toISOString(),
      customer: { customerName: CUSTOMER_NAME, customerEmail: null, customerPhoneNumber: p.phoneNumber },
    },
  };
}

/** PAYMENT FAILED uses `eventType`, exactly as the docs' sample does. */
export function failedEvent(p: Payment) {
  return {
    eventType: 'PAYMENT FAILED',
    data: {
      id: p.id,
      status: p.status,
      orderReference: p.orderReference,
      message: p.message,
      updatedAt: p.updatedAt.toISOString(),
      createdAt: p.createdAt.toISOString(),
    },
  };
}
