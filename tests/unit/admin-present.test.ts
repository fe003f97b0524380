import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader } from '@/lib/admin/csv';
import { displayMsisdn, formatAmount, formatDateTime, maskPhonesIn, maskPhonesInText } from '@/lib/admin/present';
import { hasRole } from '@/lib/auth/roles';
import { isStuck, STUCK_AFTER_MS } from '@/lib/payments/stuck';

describe('admin presentation', () => {
  it('formats amounts per currency (KWD has 3 decimals)', () => {
    expect(formatAmount(150_050, 'KES')).toBe('KES 1,500.50');
    expect(formatAmount(12_345, 'KWD')).toBe('KWD 12.345');
    expect(formatAmount(250_000_000, 'TZS')).toBe('TZS 2,500,000.00');
  });

  it('shows full phone numbers to admins and masked ones to viewers', () => {
    expect(displayMsisdn('254712345678', 'admin')).toBe('254712345678');
    expect(displayMsisdn('254712345678', 'viewer')).toBe('2547****5678');
    expect(displayMsisdn(null, 'viewer')).toBe('');
  });

  it('masks phone-like values anywhere in a payload for viewers', () => {
    expect(maskPhonesIn({ PhoneNumber: 254712345678, nested: [{ PartyA: '254712345678' }], Amount: 150, ShortCode: '174379' })).toEqual({
      PhoneNumber: '2547****5678',
      nested: [{ PartyA: '2547****5678' }],
      Amount: 150,
      ShortCode: '174379',
    });
    expect(maskPhonesIn({ summary: 'created: KES 150.00 to 254712345678' })).toEqual({ summary: 'created: KES 150.00 to 2547****5678' });
    expect(maskPhonesInText('push to +254712345678, shortcode 174379')).toBe('push to 2547****5678, shortcode 174379');
  });

  it('prints times in UTC', () => {
    expect(formatDateTime(new Date('2026-01-31T14:05:09.123Z'))).toBe('2026-01-31 14:05:09 UTC');
  });

  it('ranks roles: admin includes viewer, unknown roles get nothing', () => {
    expect(hasRole('admin', 'viewer')).toBe(true);
    expect(hasRole('viewer', 'admin')).toBe(false);
    expect(hasRole('owner', 'viewer')).toBe(false);
  });

  it('calls a payment stuck only when waiting well past its prompt', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const old = new Date(now.getTime() - STUCK_AFTER_MS - 1000);
    expect(isStuck({ status: 'processing', expiresAt: old, createdAt: old }, now)).toBe(true);
    expect(isStuck({ status: 'processing', expiresAt: now, createdAt: old }, now)).toBe(false);
    expect(isStuck({ status: 'success', expiresAt: old, createdAt: old }, now)).toBe(false);
  });
});

describe('CSV cells', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(null)).toBe('');
  });

  it('has a stable header', () => {
    expect(csvHeader()).toBe('payment_id,created_at,completed_at,provider,status,currency,amount,msisdn,order_reference,merchant_reference,receipt,provider_reference,provider_transaction_id,failure_code,failure_message,attention\r\n');
  });
});
