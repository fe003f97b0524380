// STK transactions the simulator has accepted, the per-phone lock, and per-phone push counters.
import type { ResultCode } from './scenarios';
import type { StkPushRequest } from './validate';

export interface Transaction {
  merchantRequestId: string;
  checkoutRequestId: string;
  request: StkPushRequest;
  createdAt: number;
  /** Answers to STK query for this transaction are delayed by slowMs. */
  slow: boolean;
  /** Set once, when the outcome is decided; STK query answers "being processed" until then. */
  result?: {
    resultCode: ResultCode;
    resultDesc: string;
    receipt?: string;
    transactionDate?: number;
    paidAmount: number;
  };
}

export interface TransactionStore {
  add(txn: Transaction): void;
  get(checkoutRequestId: string): Transaction | undefined;
  /** The pending transaction holding this phone's lock, if any. */
  lockHolder(phoneNumber: string): Transaction | undefined;
  release(txn: Transaction): void;
  /** 1 for the first accepted push to this phone since the last reset. */
  nextPushNumber(phoneNumber: string): number;
  /** Changes on every reset, so a request that slept across a reset can tell. */
  generation(): number;
  reset(): void;
}

export function createTransactionStore(): TransactionStore {
  const byCheckoutId = new Map<string, Transaction>();
  const locks = new Map<string, Transaction>();
  const pushCounts = new Map<string, number>();
  let gen = 0;

  return {
    add(txn) {
      byCheckoutId.set(txn.checkoutRequestId, txn);
      locks.set(txn.request.phoneNumber, txn);
    },
    get: (id) => byCheckoutId.get(id),
    lockHolder: (phone) => locks.get(phone),
    release(txn) {
      if (locks.get(txn.request.phoneNumber) === txn) locks.delete(txn.request.phoneNumber);
    },
    nextPushNumber(phone) {
      const n = (pushCounts.get(phone) ?? 0) + 1;
      pushCounts.set(phone, n);
      return n;
    },
    generation: () => gen,
    reset() {
      byCheckoutId.clear();
      locks.clear();
      pushCounts.clear();
      gen += 1;
    },
  };
}
