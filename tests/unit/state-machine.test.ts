import { describe, it, expect } from 'vitest';
import {
  OPEN_STATUSES,
  PAYMENT_STATUSES,
  TERMINAL_STATUSES,
  canTransition,
  isRetryable,
  isTerminal,
  sourcesOf,
  type PaymentStatus,
} from '@/lib/payments/state-machine';

describe('canTransition', () => {
  it.each<[PaymentStatus, PaymentStatus]>([
    ['pending', 'processing'],
    ['pending', 'awaiting_otp'],
    ['pending', 'failed'],
    ['pending', 'expired'],
    ['processing', 'success'],
    ['processing', 'failed'],
    ['processing', 'cancelled'],
    ['processing', 'expired'],
    ['processing', 'authorized'],
    ['awaiting_otp', 'processing'],
    ['awaiting_otp', 'success'],
    ['authorized', 'success'],
    ['authorized', 'voided'],
    ['success', 'refunded'],
    ['success', 'partially_refunded'],
    ['partially_refunded', 'partially_refunded'],
    ['partially_refunded', 'refunded'],
    ['expired', 'success'],
  ])('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each<[PaymentStatus, PaymentStatus]>([
    ['success', 'failed'],
    ['success', 'processing'],
    ['success', 'pending'],
    ['success', 'expired'],
    ['success', 'cancelled'],
    ['failed', 'processing'],
    ['cancelled', 'processing'],
    ['expired', 'failed'],
    ['expired', 'processing'],
    ['expired', 'cancelled'],
    ['refunded', 'success'],
    ['voided', 'success'],
    ['processing', 'pending'],
    ['processing', 'refunded'],
    ['pending', 'refunded'],
    ['partially_refunded', 'success'],
    ['success', 'success'],
  ])('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('never lets a terminal status go back to an open one', () => {
    for (const from of TERMINAL_STATUSES) {
      for (const to of OPEN_STATUSES) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
    }
  });

  it('allows only → success out of a failure-type terminal status (apply-outcome decides when)', () => {
    const exits = (['failed', 'cancelled', 'expired', 'refunded', 'voided'] as const).flatMap((from) =>
      PAYMENT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(exits).toEqual(['failed→success', 'cancelled→success', 'expired→success']);
  });
});

describe('sourcesOf', () => {
  it('lists every status that may reach the target', () => {
    expect(sourcesOf('success').sort()).toEqual(['authorized', 'awaiting_otp', 'cancelled', 'expired', 'failed', 'pending', 'processing'].sort());
    expect(sourcesOf('failed').sort()).toEqual(['authorized', 'awaiting_otp', 'pending', 'processing'].sort());
    expect(sourcesOf('refunded').sort()).toEqual(['partially_refunded', 'success'].sort());
    expect(sourcesOf('voided')).toEqual(['authorized']);
    expect(sourcesOf('pending')).toEqual([]);
  });

  it('agrees with canTransition for every pair', () => {
    for (const to of PAYMENT_STATUSES) {
      for (const from of PAYMENT_STATUSES) {
        expect(sourcesOf(to).includes(from)).toBe(canTransition(from, to));
      }
    }
  });
});

describe('isTerminal / OPEN_STATUSES', () => {
  it('classifies statuses', () => {
    for (const s of ['success', 'failed', 'cancelled', 'expired', 'refunded', 'partially_refunded', 'voided'] as const) {
      expect(isTerminal(s), s).toBe(true);
    }
    for (const s of ['pending', 'processing', 'awaiting_otp', 'authorized'] as const) {
      expect(isTerminal(s), s).toBe(false);
    }
  });

  it('open and terminal statuses partition all statuses', () => {
    const all = [...OPEN_STATUSES, ...TERMINAL_STATUSES].sort();
    expect(all).toEqual([...PAYMENT_STATUSES].sort());
    expect(new Set(all).size).toBe(PAYMENT_STATUSES.length);
  });
});

describe('isRetryable', () => {
  it('allows a new attempt only after failed, cancelled or expired', () => {
    const retryable = PAYMENT_STATUSES.filter(isRetryable);
    expect(retryable.sort()).toEqual(['cancelled', 'expired', 'failed']);
  });
});
