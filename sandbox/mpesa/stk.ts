// STK push (POST /mpesa/stkpush/v1/processrequest) and STK query
// (POST /mpesa/stkpushquery/v1/query), providers.md §1.3, §1.5 and §1.9.
import type { IncomingMessage } from 'node:http';
import { promptShopper, scheduleAutomatic, type OutcomeDeps } from './outcome';
import { RESULT_DESC, scenarioFor } from './scenarios';
import type { Transaction } from './transactions';
import { checkCredentials, jsonBody, parseStkPush } from './validate';
import { darajaError, errors, newCheckoutRequestId, newRequestId, type Reply } from './wire';

const ACCEPTED = 'Success. Request accepted for processing';
/** Misspelt upstream ("successsfully"); Safaricom's own SDK test asserts this text. */
const QUERY_ACCEPTED = 'The service request has been accepted successsfully';

export async function stkPush(deps: OutcomeDeps, req: IncomingMessage, raw: string): Promise<Reply> {
  const { ctx, cfg, store } = deps;
  const body = jsonBody(req, raw);
  if (!body.ok) return body.reply;
  const parsed = parseStkPush(body.value, cfg);
  if (!parsed.ok) return parsed.reply;
  const request = parsed.value;
  const scenario = scenarioFor(request.phoneNumber);

  if (scenario?.slow) {
    const generation = store.generation();
    await ctx.sleep(cfg.slowMs);
    // The sandbox was reset (or closed) while this request slept: don't create stale state.
    if (store.generation() !== generation || ctx.signal.aborted) return errors.systemBusy();
  }
  if (scenario?.pushFails) return errors.systemBusy();
  if (store.lockHolder(request.phoneNumber)) return errors.locked();

  const txn: Transaction = {
    merchantRequestId: newRequestId(),
    checkoutRequestId: newCheckoutRequestId(),
    request,
    createdAt: Date.now(),
    slow: scenario?.slow ?? false,
  };
  store.add(txn);
  const pushNumber = store.nextPushNumber(request.phoneNumber);
  if (scenario) scheduleAutomatic(deps, txn, scenario.outcome(pushNumber));
  else promptShopper(deps, txn);

  return {
    status: 200,
    body: {
      MerchantRequestID: txn.merchantRequestId,
      CheckoutRequestID: txn.checkoutRequestId,
      ResponseCode: '0',
      ResponseDescription: ACCEPTED,
      CustomerMessage: ACCEPTED,
    },
  };
}

export async function stkQuery(deps: OutcomeDeps, req: IncomingMessage, raw: string): Promise<Reply> {
  const { ctx, cfg, store } = deps;
  const body = jsonBody(req, raw);
  if (!body.ok) return body.reply;
  const creds = checkCredentials(body.value, cfg);
  if (!creds.ok) return creds.reply;
  const id = body.value.CheckoutRequestID;
  const txn = typeof id === 'string' ? store.get(id) : undefined;
  if (!txn) return errors.invalidField('CheckoutRequestID');

  if (txn.slow) await ctx.sleep(cfg.slowMs);
  const result = txn.result;
  if (!result && scenarioFor(txn.request.phoneNumber)?.openQuery4999) {
    return queryAnswer(txn, 4999, RESULT_DESC[4999]);
  }
  if (!result) {
    // requestId is the CheckoutRequestID here, as observed upstream (LNMOnlineAndroidSample#13).
    return darajaError(500, '500.001.1001', 'The transaction is being processed', txn.checkoutRequestId);
  }
  return queryAnswer(txn, result.resultCode, result.resultDesc);
}

/** Every value is a string in the query response, ResultCode included. */
function queryAnswer(txn: Transaction, resultCode: number, resultDesc: string): Reply {
  return {
    status: 200,
    body: {
      ResponseCode: '0',
      ResponseDescription: QUERY_ACCEPTED,
      MerchantRequestID: txn.merchantRequestId,
      CheckoutRequestID: txn.checkoutRequestId,
      ResultCode: String(resultCode),
      ResultDesc: resultDesc,
    },
  };
}
