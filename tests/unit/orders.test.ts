import { describe, it, expect } from 'vitest';
import { balanceOf, depositOfferOf, groupReferenceFor, minimumPaymentOf, paymentStatusFor } from '@/lib/payments/orders';

describe('balanceOf', () => {
  it('is total minus paid', () => {
    expect(balanceOf({ totalMinor: 10_000, amountPaidMinor: 0 })).toBe(10_000);
    expect(balanceOf({ totalMinor: 10_000, amountPaidMinor: 3_000 })).toBe(7_000);
    expect(balanceOf({ totalMinor: 10_000, amountPaidMinor: 10_000 })).toBe(0);
  });

  it('never goes negative when over-paid', () => {
    expect(balanceOf({ totalMinor: 10_000, amountPaidMinor: 12_000 })).toBe(0);
  });
});

describe('minimumPaymentOf', () => {
  it('without a deposit, the whole balance is due', () => {
    expect(minimumPaymentOf({ totalMinor: 10_000, amountPaidMinor: 0, depositPercent: 0 })).toBe(10_000);
    expect(minimumPaymentOf({ totalMinor: 10_000, amountPaidMinor: 4_000, depositPercent: 0 })).toBe(6_000);
  });

  it('on a first payment, the deposit share is due', () => {
    expect(minimumPaymentOf({ totalMinor: 10_000, amountPaidMinor: 0, depositPercent: 30 })).toBe(3_000);
    expect(minimumPaymentOf({ totalMinor: 10_000, amountPaidMinor: 0, depositPercent: 100 })).toBe(10_000);
  });

  it('rounds the deposit up to the next minor unit, never down', () => {
    expect(minimumPaymentOf({ totalMinor: 10_001, amountPaidMinor: 0, depositPercent: 30 })).toBe(3_001); // 3000.3
    expect(minimumPaymentOf({ totalMinor: 999, amountPaidMinor: 0, depositPercent: 50 })).toBe(500); // 499.5
  });

  it('after a deposit, any positive amount up to the balance is accepted', () => {
    expect(minimumPaymentOf({ totalMinor: 10_000, amountPaidMinor: 3_000, depositPercent: 30 })).toBe(1);
    expect(minimumPaymentOf({ totalMinor: 10_000, amountPaidMinor: 10_000, depositPercent: 30 })).toBe(0);
  });
});

describe('paymentStatusFor', () => {
  it('tracks pending, deposit_paid and paid', () => {
    expect(paymentStatusFor(10_000, 0)).toBe('pending');
    expect(paymentStatusFor(10_000, 1)).toBe('deposit_paid');
    expect(paymentStatusFor(10_000, 9_999)).toBe('deposit_paid');
    expect(paymentStatusFor(10_000, 10_000)).toBe('paid');
    expect(paymentStatusFor(10_000, 15_000)).toBe('paid');
  });
});

describe('groupReferenceFor', () => {
  it('pads the tour id and compacts the date', () => {
    expect(groupReferenceFor(5, '2026-02-10')).toBe('BK-T005-20260210');
    expect(groupReferenceFor(42, '2026-12-01')).toBe('BK-T042-20261201');
    expect(groupReferenceFor(1234, '2027-01-31')).toBe('BK-T1234-20270131');
  });

  it('is the same for every booking of a tour on a date and differs otherwise', () => {
    expect(groupReferenceFor(5, '2026-02-10')).toBe(groupReferenceFor(5, '2026-02-10'));
    expect(groupReferenceFor(5, '2026-02-10')).not.toBe(groupReferenceFor(5, '2026-02-11'));
    expect(groupReferenceFor(5, '2026-02-10')).not.toBe(groupReferenceFor(6, '2026-02-10'));
  });
});

describe('depositOfferOf: the checkout offers only amounts the rules and providers accept', () => {
  const order = (o: Partial<{ totalMinor: number; amountPaidMinor: number; depositPercent: number; currency: string }>) => ({ totalMinor: 1_000_000, amountPaidMinor: 0, depositPercent: 30, currency: 'KES', ...o });

  it('offers no deposit once one is paid (the balance is owed), never "KES 0.01"', () => {
    expect(depositOfferOf(order({ amountPaidMinor: 300_000 }))).toBeNull();
  });

  it('rounds the deposit up to whole shillings for KES and TZS, not for USD', () => {
    expect(depositOfferOf(order({ totalMinor: 3_150_050 }))).toBe(945_100);
    expect(depositOfferOf(order({ totalMinor: 3_150_050, currency: 'TZS' }))).toBe(945_100);
    expect(depositOfferOf(order({ totalMinor: 3_150_050, currency: 'USD' }))).toBe(945_015);
  });

  it('offers none without a deposit rule, or when it would be the whole balance', () => {
    expect(depositOfferOf(order({ depositPercent: 0 }))).toBeNull();
    expect(depositOfferOf(order({ depositPercent: 100 }))).toBeNull();
  });
});
