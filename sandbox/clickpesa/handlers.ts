// One function per ClickPesa endpoint. Each returns a Reply; simulator.ts records and sends it.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from '../types';
import { verifyChecksum } from './checksum';
import type { ClickPesaConfig } from './config';
import type { Lifecycle } from './lifecycle';
import { scenarioFor } from './magic';
import { ALL_CHANNELS, paymentIdFor } from './network';
import { initiateView, queryView, type Payment } from './payments';
import { ERRORS, invalidChecksum, messageReply, reply, unauthorized, type Reply } from './replies';
import type { TokenIssuer } from './tokens';
import { validateUssdPush } from './validation';

export interface ClickPesaState {
  ctx: SandboxContext;
  config(): ClickPesaConfig;
  tokens: TokenIssuer;
  payments: Map<string, Payment>;
  lifecycle: Lifecycle;
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return given !== undefined && a.length === b.length && timingSafeEqual(a, b);
}

export function generateToken(s: ClickPesaState, req: IncomingMessage): Reply {
  const cfg = s.config();
  const clientId = header(req, 'client-id');
  if (clientId !== cfg.clientId) return { ...messageReply(403, ERRORS.invalidClient), ledger: { clientId: clientId ?? null } };
  if (!sameSecret(header(req, 'api-key'), cfg.apiKey)) return { ...messageReply(403, ERRORS.invalidApiKey), ledger: { clientId } };
  return { ...reply(200, { success: true, token: s.tokens.issue(cfg.clientId, cfg.tokenTtlMs, cfg.checksumKey !== undefined) }), ledger: { clientId } };
}

/** Bearer token, then the checksum (when enabled), as ClickPesa's guards run before validation. */
function guard(s: ClickPesaState, req: IncomingMessage, body: Record<string, unknown> | null): Reply | null {
  const cfg = s.config();
  if (!s.tokens.isValid(header(req, 'authorization'), cfg.clientId, cfg.checksumKey !== undefined)) return unauthorized();
  if (body && cfg.checksumKey && !verifyChecksum(body, cfg.checksumKey)) return invalidChecksum();
  return null;
}

/** A flat fee so previews show a non-zero number; the real fee table is per merchant. */
function feeFor(amount: string): number {
  const shillings = Number(amount.split('.')[0]);
  return Math.max(100, Math.floor(shillings / 100));
}

export async function preview(s: ClickPesaState, req: IncomingMessage, body: Record<string, unknown>): Promise<Reply> {
  const denied = guard(s, req, body);
  if (denied) return denied;
  const checked = validateUssdPush(body, false);
  if (!checked.ok) return checked.reply;
  const { input } = checked;
  if (s.payments.has(input.orderReference)) return messageReply(409, ERRORS.referenceUsed(input.orderReference));
  if (input.phoneNumber && scenarioFor(input.phoneNumber) === 'slow') await s.ctx.sleep(s.config().slowMs);

  const channels = input.channel ? [input.channel] : ALL_CHANNELS;
  const fee = feeFor(input.amount);
  const activeMethods = channels.map((name) => ({ name, status: 'AVAILABLE', fee, message: `${name} is available` }));
  const sender =
    input.fetchSenderDetails && input.phoneNumber
      ? { accountName: 'Sandbox Customer', accountNumber: input.phoneNumber, accountProvider: input.channel }
      : undefined;
  return reply(200, sender ? { activeMethods, sender } : { activeMethods });
}

export async function initiate(s: ClickPesaState, req: IncomingMessage, body: Record<string, unknown>): Promise<Reply> {
  const denied = guard(s, req, body);
  if (denied) return denied;
  const checked = validateUssdPush(body, true);
  if (!checked.ok) return checked.reply;
  const { input } = checked;
  const phoneNumber = input.phoneNumber ?? '';
  if (s.payments.has(input.orderReference)) return messageReply(409, ERRORS.referenceUsed(input.orderReference));

  const scenario = scenarioFor(phoneNumber);
  if (scenario === 'provider-error') return messageReply(500, ERRORS.feeValidation);

  const cfg = s.config();
  const now = new Date();
  const payment: Payment = {
    id: paymentIdFor(input.orderReference),
    orderReference: input.orderReference,
    amount: input.amount,
    currency: input.currency,
    phoneNumber,
    channel: input.channel ?? 'M-PESA',
    clientId: cfg.clientId,
    scenario,
    status: 'PROCESSING',
    message: 'Payment is being processed',
    paymentReference: undefined,
    createdAt: now,
    updatedAt: now,
  };
  // Stored before a slow answer so a retry with the same reference meets 409, as it would upstream.
  s.payments.set(payment.orderReference, payment);
  if (scenario === 'slow') await s.ctx.sleep(cfg.slowMs);
  s.lifecycle.start(payment);
  return reply(200, initiateView(payment));
}

export async function query(s: ClickPesaState, req: IncomingMessage, orderReference: string): Promise<Reply> {
  const denied = guard(s, req, null);
  if (denied) return denied;
  const payment = s.payments.get(orderReference);
  if (!payment) return messageReply(404, ERRORS.paymentNotFound(orderReference));
  if (payment.scenario === 'slow') await s.ctx.sleep(s.config().slowMs);
  return reply(200, [queryView(payment)]);
}
