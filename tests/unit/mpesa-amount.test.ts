import { describe, it, expect } from 'vitest';
import { checkMpesaAmount, MPESA_MAX_KES, MPESA_MIN_KES } from '@/lib/providers/mpesa';

describe('checkMpesaAmount', () => {
  it('declares Daraja limits of KES 1 to 250,000', () => {
    expect(MPESA_MIN_KES).toBe(1);
    expect(MPESA_MAX_KES).toBe(250_000);
  });

  it('accepts whole shillings within limits', () => {
    expect(checkMpesaAmount(100, 'KES')).toBeNull(); // KES 1
    expect(checkMpesaAmount(150_000, 'KES')).toBeNull(); // KES 1,500
    expect(checkMpesaAmount(25_000_000, 'KES')).toBeNull(); // KES 250,000
  });

  it('refuses cents', () => {
    expect(checkMpesaAmount(150, 'KES')).toMatch(/whole shillings/);
    expect(checkMpesaAmount(1, 'KES')).toMatch(/whole shillings/);
    expect(checkMpesaAmount(25_000_001, 'KES')).not.toBeNull();
  });

  it('refuses less than KES 1', () => {
    expect(checkMpesaAmount(0, 'KES')).toMatch(/at least KES 1/);
    expect(checkMpesaAmount(-100, 'KES')).toMatch(/at least KES 1/);
  });

  it('refuses more than KES 250,000', () => {
    expect(checkMpesaAmount(25_000_100, 'KES')).toMatch(/at most KES 250,000/);
    expect(checkMpesaAmount(100_000_000, 'KES')).not.toBeNull();
  });

  it('refuses every currency but KES', () => {
    for (const currency of ['TZS', 'USD', 'ZWG', 'GMD', 'KWD'] as const) {
      expect(checkMpesaAmount(10_000, currency)).toMatch(/KES only/);
    }
    expect(checkMpesaAmount(1000, 'KWD')).toMatch(/KES only/);
  });
});
