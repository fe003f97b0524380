// Qmoney's adapter session for one getMoney: the OTP it is waiting for and what getMoney was
// given. getMoney never validates (UAT laxness), so problems are stored and surface at verifyCode.
import { randomInt } from 'node:crypto';
import type { QmoneyScenario } from './magic';

export type GetMoneyProblem = { kind: 'missing'; param: string } | { kind: 'unknown-user'; id: string };

export interface QmoneySession {
  transactionId: string;
  payer: string | undefined;
  payee: string | undefined;
  /** Minor units (butut); undefined when getMoney's amount was missing or unusable. */
  amountMinor: number | undefined;
  scenario: QmoneyScenario;
  otp: string;
  otpExpiresAt: number;
  problems: GetMoneyProblem[];
}

const PAYER = /^220\d{7}$/;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const identifierOf = (user: unknown) => (isObject(user) && typeof user.userIdentifier === 'string' && user.userIdentifier !== '' ? user.userIdentifier : undefined);

/** "12.5" → 1250 without floating-point multiplication. */
function toMinor(amount: unknown): number | undefined {
  if (typeof amount !== 'number' || amount <= 0 || !AMOUNT.test(String(amount))) return undefined;
  const [whole = '0', fraction = ''] = String(amount).split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Reads the wrapped getMoney body, listing what a strict provider would have refused. */
export function readGetMoney(body: unknown) {
  const data = isObject(body) && isObject(body.data) ? body.data : {};
  const payer = identifierOf(data.fromUser);
  const payee = identifierOf(data.toUser);
  const firstPayment = Array.isArray(data.payment) ? (data.payment[0] as unknown) : undefined;
  const amountMinor = toMinor(isObject(firstPayment) ? firstPayment.amount : undefined);

  const problems: GetMoneyProblem[] = [];
  if (!payer) problems.push({ kind: 'missing', param: 'FromUser' });
  else if (!PAYER.test(payer)) problems.push({ kind: 'unknown-user', id: payer });
  if (!payee) problems.push({ kind: 'missing', param: 'ToUser' });
  if (amountMinor === undefined) problems.push({ kind: 'missing', param: 'Amount' });
  return { payer, payee, amountMinor, problems };
}

/** Shaped like UAT's txn_17067100139046477831: ms timestamp + 7 random digits = 20 digits. */
export function newTransactionId(): string {
  return `txn_${Date.now()}${String(randomInt(10_000_000)).padStart(7, '0')}`;
}

export const newOtp = () => String(randomInt(1_000_000)).padStart(6, '0');

const VALID_FROM = '2023-06-21 09:48:24.000';
const VALID_TO = '2036-01-01 04:59:59.000';

const major = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * The payee's wallet after the payment, in UAT's shape and key order: unusedValue is in units of
 * 1/100000 of a dalasi (28600000 = "286.00"), availableBalance a decimal string.
 */
export function balanceData(balanceMinor: number) {
  return [
    {
      walletExternalId: 'MAIN_WALLET',
      usedValue: 0,
      unusedValue: balanceMinor * 1000,
      availableBalance: major(balanceMinor),
      pouchExternalId: 'EMONEY_POUCH',
      ValidFromDate: VALID_FROM,
      ValidToDate: VALID_TO,
    },
    {
      ValidToDate: VALID_TO,
      usedValue: 0,
      pouchExternalId: 'LOYALTY_POINTS_POUCH',
      ValidFromDate: VALID_FROM,
      walletExternalId: 'MAIN_WALLET',
      unusedValue: 0,
      availableBalance: '0',
    },
  ];
}
