// Tanzanian mobile money networks as ClickPesa names its channels, by number prefix. Only used
// to tell the shopper early that a number cannot work; ClickPesa has the final word.

export interface ClickPesaNetwork {
  /** ClickPesa's channel name on the wire (initiate `channel`, preview `activeMethods[].name`). */
  channel: 'M-PESA' | 'AIRTEL-MONEY' | 'TIGO-PESA' | 'HALOPESA';
  /** What the shopper calls it. */
  label: string;
}

const NETWORKS: Record<string, ClickPesaNetwork> = {
  'M-PESA': { channel: 'M-PESA', label: 'M-Pesa (Vodacom)' },
  'AIRTEL-MONEY': { channel: 'AIRTEL-MONEY', label: 'Airtel Money' },
  // Tigo Pesa is "Mixx by Yas" since 2024; ClickPesa still names the channel TIGO-PESA.
  'TIGO-PESA': { channel: 'TIGO-PESA', label: 'Mixx by Yas (Tigo Pesa)' },
  HALOPESA: { channel: 'HALOPESA', label: 'Halopesa' },
};

/** 255 + two-digit network code. */
const PREFIXES: Record<string, keyof typeof NETWORKS> = {
  '74': 'M-PESA',
  '75': 'M-PESA',
  '76': 'M-PESA',
  '79': 'M-PESA',
  '68': 'AIRTEL-MONEY',
  '69': 'AIRTEL-MONEY',
  '78': 'AIRTEL-MONEY',
  '65': 'TIGO-PESA',
  '67': 'TIGO-PESA',
  '71': 'TIGO-PESA',
  '77': 'TIGO-PESA',
  '61': 'HALOPESA',
  '62': 'HALOPESA',
};

/** Networks ClickPesa does not collect from (TTCL's T-Pesa). */
const UNSUPPORTED_PREFIXES = new Set(['73']);

export function networkOf(msisdn: string): ClickPesaNetwork | null {
  const match = /^255(\d{2})\d{7}$/.exec(msisdn);
  const code = match?.[1];
  if (!code || !Object.hasOwn(PREFIXES, code)) return null;
  return NETWORKS[PREFIXES[code] as string] ?? null;
}

export function networkName(channel: string | undefined): string | undefined {
  return channel && Object.hasOwn(NETWORKS, channel) ? NETWORKS[channel]?.label : channel;
}

/** A reason the number can never work with ClickPesa, or null (unknown prefixes are let through). */
export function unsupportedNumber(msisdn: string): string | null {
  if (!/^255\d{9}$/.test(msisdn)) return 'must be a Tanzanian mobile number such as 0712 345 678';
  if (UNSUPPORTED_PREFIXES.has(msisdn.slice(3, 5))) {
    return 'must be an M-Pesa, Airtel Money, Mixx by Yas (Tigo Pesa) or Halopesa number';
  }
  return null;
}
