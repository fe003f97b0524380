// The payment core's public surface: routes and pages import from here.
export { initiatePayment, type InitiatePaymentInput } from './initiate';
export { applyProviderOutcome, type ApplyResult } from './apply-outcome';
export { refreshPaymentStatus, applyUnsignedCallback } from './refresh';
export { reconcileDuePayments } from './reconciler';
export { findPayment, findPaymentByProviderReference, type Payment } from './payment-store';
export { findOrder, createOrder, balanceOf, type Order } from './orders';
export { recordEvent, listEvents } from './events';
export { createApiPayment, retryPayment } from './api-payments';
