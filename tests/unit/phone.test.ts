import { describe, it, expect } from 'vitest';
import { maskMsisdn, normalizeMsisdn } from '@/lib/payments/phone';

function msisdn(input: string, country: Parameters<typeof normalizeMsisdn>[1]) {
  const r = normalizeMsisdn(input, country);
  if (!r.ok) throw new Error(`expected ${input} to be accepted, got: ${r.message}`);
  return r.msisdn;
}

function rejection(input: string, country: Parameters<typeof normalizeMsisdn>[1]) {
  const r = normalizeMsisdn(input, country);
  if (r.ok) throw new Error(`expected ${input} to be rejected, got ${r.msisdn}`);
  expect(r.message.length).toBeGreaterThan(0);
  return r.message;
}

describe('normalizeMsisdn (KE)', () => {
  it.each([
    '0712 345 678',
    '0712345678',
    '+254712345678',
    '254712345678',
    '712345678',
    '+254 712 345 678',
    '0712-345-678',
    '(0712) 345-678',
    '0712.345.678',
    ' 0712 345 678 ',
  ])('accepts %j as 254712345678', (input) => {
    expect(msisdn(input, 'KE')).toBe('254712345678');
  });

  it('accepts the newer 01xx mobile range', () => {
    expect(msisdn('0110 345 678', 'KE')).toBe('254110345678');
    expect(msisdn('254110345678', 'KE')).toBe('254110345678');
    expect(msisdn('+254 110 345 678', 'KE')).toBe('254110345678');
  });

  it('accepts the Daraja sandbox MSISDN', () => {
    expect(msisdn('254708374149', 'KE')).toBe('254708374149');
  });

  it('rejects landlines with a landline message', () => {
    expect(rejection('020 1234567', 'KE')).toMatch(/landline/);
    expect(rejection('+254201234567', 'KE')).toMatch(/landline/);
  });

  it.each(['abc', '', '   ', '0712', '07123456', '0712 345 6789', '07l2345678', '++254712345678', '0712/345/678'])(
    'rejects %j with a message naming a Kenyan mobile number',
    (input) => {
      const message = rejection(input, 'KE');
      expect(message).toMatch(/Kenyan mobile number/);
      expect(message).toContain('0712 345 678');
    },
  );

  it.each(['+255712345678', '+14155552671', '+44 7700 900123', '+263774975187'])(
    'rejects foreign number %j for KE',
    (input) => {
      expect(rejection(input, 'KE')).toMatch(/Kenyan/);
    },
  );
});

describe('normalizeMsisdn (other countries)', () => {
  it('TZ: 0712345678 → 255712345678', () => {
    expect(msisdn('0712345678', 'TZ')).toBe('255712345678');
    expect(msisdn('+255 712 345 678', 'TZ')).toBe('255712345678');
  });

  it('ZW: 0774975187 → 263774975187', () => {
    expect(msisdn('0774975187', 'ZW')).toBe('263774975187');
  });

  it('GM: 7000000 → 2207000000', () => {
    expect(msisdn('7000000', 'GM')).toBe('2207000000');
    expect(msisdn('+220 700 0000', 'GM')).toBe('2207000000');
  });

  it('names the country in the rejection', () => {
    expect(rejection('+254712345678', 'TZ')).toMatch(/Tanzanian/);
    expect(rejection('xyz', 'ZW')).toMatch(/Zimbabwean/);
    expect(rejection('12', 'GM')).toMatch(/Gambian/);
  });
});

describe('maskMsisdn', () => {
  it('keeps the first four and last four digits', () => {
    expect(maskMsisdn('254712345678')).toBe('2547****5678');
    expect(maskMsisdn('2207000000')).toBe('2207****0000');
  });

  it('does not reveal the middle digits', () => {
    const masked = maskMsisdn('254799887766');
    expect(masked).not.toContain('9988');
    expect(masked).toContain('****');
  });

  it('masks short numbers except the last two digits', () => {
    expect(maskMsisdn('1234567')).toBe('*****67');
  });
});
