// Which mobile network a Tanzanian number belongs to, and ClickPesa's id formats.
import { randomBytes } from 'node:crypto';

export type ClickPesaChannel = 'M-PESA' | 'AIRTEL-MONEY' | 'TIGO-PESA' | 'HALOPESA';

export const ALL_CHANNELS: ClickPesaChannel[] = ['M-PESA', 'AIRTEL-MONEY', 'TIGO-PESA', 'HALOPESA'];

/** 255 + the 2-digit network code. 25570 is the sandbox's magic-number range (served as M-PESA). */
const PREFIXES: Record<string, ClickPesaChannel> = {
  '25574': 'M-PESA',
  '25575': 'M-PESA',
  '25576': 'M-PESA',
  '25579': 'M-PESA',
  '25570': 'M-PESA',
  '25568': 'AIRTEL-MONEY',
  '25569': 'AIRTEL-MONEY',
  '25578': 'AIRTEL-MONEY',
  // TIGO-PESA is Mixx by Yas since the rebrand; ClickPesa still names the channel TIGO-PESA.
  '25571': 'TIGO-PESA',
  '25565': 'TIGO-PESA',
  '25567': 'TIGO-PESA',
  '25577': 'TIGO-PESA',
  '25561': 'HALOPESA',
  '25562': 'HALOPESA',
};

/** Null for a malformed number or one on a network ClickPesa does not collect from (e.g. TTCL). */
export function channelFor(phoneNumber: string): ClickPesaChannel | null {
  if (!/^255\d{9}$/.test(phoneNumber)) return null;
  return PREFIXES[phoneNumber.slice(0, 5)] ?? null;
}

/** e.g. ORD123 → ORD123LCP2C95, the shape of ClickPesa's documented samples. */
export function paymentIdFor(orderReference: string): string {
  return `${orderReference}LCP${randomBytes(2).toString('hex').toUpperCase()}`;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Shaped like the docs' "abc123def456ghi789": 18 lowercase alphanumerics. */
export function newPaymentReference(): string {
  return Array.from(randomBytes(18), (b) => ALNUM[b % ALNUM.length]).join('');
}
