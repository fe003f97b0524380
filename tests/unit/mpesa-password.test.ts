import { describe, it, expect } from 'vitest';
import { darajaPassword, darajaTimestamp } from '@/lib/providers/mpesa/password';

const PASSKEY = 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919';

describe('darajaPassword', () => {
  it('matches the official Daraja test vector (providers.md §1.7)', () => {
    expect(darajaPassword('174379', PASSKEY, '20210628092408')).toBe(
      'MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4',
    );
  });

  it('is base64(shortcode + passkey + timestamp) in that order', () => {
    const password = darajaPassword('600984', 'key', '20240101000000');
    expect(Buffer.from(password, 'base64').toString('utf8')).toBe('600984key20240101000000');
    expect(darajaPassword('174379', PASSKEY, '20210628092409')).not.toBe(
      darajaPassword('174379', PASSKEY, '20210628092408'),
    );
  });
});

describe('darajaTimestamp', () => {
  it('uses Nairobi wall-clock time (UTC+3), rolling over the year', () => {
    expect(darajaTimestamp(new Date('2024-12-31T22:30:05Z'))).toBe('20250101013005');
  });

  it('formats as zero-padded YYYYMMDDHHmmss', () => {
    expect(darajaTimestamp(new Date('2021-06-28T06:24:08Z'))).toBe('20210628092408');
    expect(darajaTimestamp(new Date('2024-02-29T21:00:00Z'))).toBe('20240301000000');
    expect(darajaTimestamp(new Date('2024-03-05T00:00:00Z'))).toBe('20240305030000');
  });

  it('uses 00 for midnight, never 24', () => {
    expect(darajaTimestamp(new Date('2024-06-14T21:00:00Z'))).toBe('20240615000000');
  });

  it('has no daylight saving shift (July and January are both UTC+3)', () => {
    expect(darajaTimestamp(new Date('2024-07-01T12:00:00Z'))).toBe('20240701150000');
    expect(darajaTimestamp(new Date('2024-01-01T12:00:00Z'))).toBe('20240101150000');
  });

  it('defaults to now and is always 14 digits', () => {
    const before = Date.now();
    const ts = darajaTimestamp();
    expect(ts).toMatch(/^\d{14}$/);
    const nairobiNow = new Date(before + 3 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 12);
    // Same minute (allow a tick over the boundary).
    const asMinute = ts.slice(0, 12);
    const nextMinute = new Date(before + 3 * 3600_000 + 60_000).toISOString().replace(/\D/g, '').slice(0, 12);
    expect([nairobiNow, nextMinute]).toContain(asMinute);
  });
});
