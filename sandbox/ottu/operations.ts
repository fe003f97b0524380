// POST /b/pbl/v2/operation/ (providers.md §3.3, §3.9): the state rules, partial amounts, the
// Tracking-Key idempotency header, and an operation webhook for capture/refund/void.
import { formatOttuAmount, parseOttuAmount } from './amounts';
import { notify } from './attempts';
import { refreshState, type Session } from './sessions';
import { signOttuPayload } from './signature';
import { REQUIRED, detail, fieldErrors, invalidChoice, reply, type Reply } from './replies';
import { findSession, newReference, newSessionId, type OttuState } from './state';
import { deliverWebhook } from './webhooks';

const ALLOWED: Record<string, string[]> = {
  cancel: ['created', 'pending', 'attempted', 'cod'],
  expire: ['created', 'pending', 'attempted'],
  delete: ['created', 'pending', 'attempted', 'failed', 'canceled', 'expired', 'invalided'],
  capture: ['authorized'],
  void: ['authorized'],
  refund: ['paid', 'authorized'],
};
const EXTERNAL = ['capture', 'refund', 'void'];

const failed = (operation: string, text: string): Reply => reply(400, { detail: text, operation, result: 'failed' });

/** What an operation may still move, in minor units. */
function remaining(session: Session, operation: string): number {
  if (operation === 'capture') return session.amountMinor - session.capturedMinor;
  const refundable = session.state === 'authorized' ? session.capturedMinor : session.amountMinor;
  return refundable - session.refundedMinor;
}

function refusal(session: Session, operation: string): string | null {
  if (!ALLOWED[operation]?.includes(session.state)) return `The operation ${operation} is not allowed for a payment transaction in the ${session.state} state.`;
  if (operation === 'void' && session.capturedMinor > 0) return 'Void is not available once a capture has occurred.';
  if (operation === 'refund' && session.state === 'authorized' && session.capturedMinor === 0) return 'Nothing has been captured: void the authorization instead.';
  return null;
}

function internal(s: OttuState, session: Session, operation: string): Reply {
  if (operation === 'delete') s.sessions.delete(session.sessionId);
  else session.state = operation === 'cancel' ? 'canceled' : 'expired';
  const done = { cancel: 'canceled', expire: 'expired', delete: 'deleted' }[operation];
  return reply(200, { detail: `The payment transaction has been ${done}.`, operation, result: 'success' });
}

async function external(s: OttuState, session: Session, operation: string, amountMinor: number): Promise<Reply> {
  if (operation === 'capture') session.capturedMinor += amountMinor;
  if (operation === 'refund') session.refundedMinor += amountMinor;
  if (operation === 'void') session.state = 'voided';
  const childState = { capture: 'paid', refund: 'refunded', void: 'voided' }[operation] ?? operation;
  const amount = formatOttuAmount(amountMinor, session.currency);
  const body = signOttuPayload(
    {
      amount, currency_code: session.currency, initiator: null, is_sandbox: true, operation, order_no: session.orderNo ?? '',
      pg_code: session.pgCode ?? '', pg_response: { result: 'SUCCESS' }, reference_number: newReference(), result: 'success',
      session_id: session.sessionId, source: 'pg', success: true, timestamp_utc: new Date().toISOString().slice(0, 19).replace('T', ' '),
      txn: { amount, currency_code: session.currency, order_no: session.orderNo, session_id: newSessionId(), state: childState },
      pg_params: {}, extra: session.extra ?? {},
    },
    s.config().webhookKey,
    'flat',
  );
  s.ctx.later(0, async () => void (await deliverWebhook(s.ctx, s.config(), session.webhookUrl, body, `operation ${operation}`)));
  return reply(200, body);
}

export async function runOperation(s: OttuState, body: Record<string, unknown>, trackingKey: string | undefined): Promise<Reply> {
  const operation = body.operation;
  if (operation === undefined) return fieldErrors({ operation: [REQUIRED] });
  if (typeof operation !== 'string' || !(operation in ALLOWED)) return fieldErrors({ operation: [invalidChoice(operation)] });
  if (body.session_id === undefined && body.order_no === undefined) return fieldErrors({ non_field_errors: ['Either session_id or order_no must be provided.'] });
  const replay = trackingKey && EXTERNAL.includes(operation) ? s.operations.get(trackingKey) : undefined;
  if (replay) return { ...reply(replay.status, replay.body), ledger: { replayedTrackingKey: trackingKey } };
  const session = findSession(s, body);
  if (!session) return detail(404, 'Not found.');
  refreshState(session);
  const refused = refusal(session, operation);
  if (refused) return failed(operation, refused);
  if (!EXTERNAL.includes(operation)) return internal(s, session, operation);

  let amountMinor = operation === 'void' ? session.amountMinor - session.capturedMinor : remaining(session, operation);
  if (body.amount !== undefined && body.amount !== null && (operation === 'capture' || operation === 'refund')) {
    const parsed = parseOttuAmount(body.amount, session.currency);
    if (!parsed.ok) return fieldErrors({ amount: [parsed.message] });
    if (parsed.minor <= 0) return fieldErrors({ amount: ['Ensure this value is greater than 0.'] });
    amountMinor = parsed.minor;
  }
  if (operation !== 'void' && (amountMinor <= 0 || amountMinor > remaining(session, operation))) {
    return failed(operation, `The amount exceeds the ${operation === 'capture' ? 'capturable' : 'refundable'} amount of ${formatOttuAmount(remaining(session, operation), session.currency)} ${session.currency}.`);
  }
  const answer = await external(s, session, operation, amountMinor);
  if (trackingKey) s.operations.set(trackingKey, { status: answer.status, body: answer.body });
  return answer;
}

export { notify };
