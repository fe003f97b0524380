// Request checks for preview/initiate in ClickPesa's order: DTO pipe errors first (all at once,
// NestJS-style), then the service's documented one-line messages.
import { ERRORS, badRequestPipe, messageReply, type Reply } from './replies';
import { channelFor, type ClickPesaChannel } from './network';

export interface UssdPushInput {
  amount: string;
  currency: 'TZS';
  orderReference: string;
  /** Always set for initiate; optional for preview. */
  phoneNumber: string | undefined;
  channel: ClickPesaChannel | undefined;
  fetchSenderDetails: boolean;
}

type Result = { ok: true; input: UssdPushInput } | { ok: false; reply: Reply };

/** TZS amounts as decimal strings; the docs type `amount` as a string and so do we. */
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

function pipeErrors(body: Record<string, unknown>): string[] {
  const errors: string[] = [];
  // Undocumented upstream: these texts are class-validator's defaults, our best guess.
  if (typeof body.amount !== 'string' || !AMOUNT.test(body.amount)) errors.push('amount must be a number string');
  else if (!/[1-9]/.test(body.amount)) errors.push('amount must be a positive number');
  if (body.currency !== 'TZS') errors.push('currency must be one of the following values: TZS');
  if (body.fetchSenderDetails !== undefined && typeof body.fetchSenderDetails !== 'boolean') {
    errors.push('fetchSenderDetails must be a boolean value');
  }
  return errors;
}

export function validateUssdPush(body: Record<string, unknown>, requirePhone: boolean): Result {
  const errors = pipeErrors(body);
  if (errors.length > 0) return { ok: false, reply: badRequestPipe(errors) };

  const { orderReference, phoneNumber } = body;
  if (typeof orderReference !== 'string' || !/^[A-Za-z0-9]+$/.test(orderReference)) {
    return { ok: false, reply: messageReply(400, ERRORS.invalidOrderReference) };
  }
  let channel: ClickPesaChannel | undefined;
  if (phoneNumber !== undefined || requirePhone) {
    channel = typeof phoneNumber === 'string' ? channelFor(phoneNumber) ?? undefined : undefined;
    if (!channel) return { ok: false, reply: messageReply(400, ERRORS.invalidPhone) };
  }
  return {
    ok: true,
    input: {
      amount: body.amount as string,
      currency: 'TZS',
      orderReference,
      phoneNumber: phoneNumber as string | undefined,
      channel,
      fetchSenderDetails: body.fetchSenderDetails === true,
    },
  };
}
