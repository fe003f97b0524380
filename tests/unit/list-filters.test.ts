import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, filtersToSearchParams, parsePaymentFilters, parsePaymentFiltersLenient, rangeEnd, rangeStart, selectionOf } from '@/lib/payments/payment-filters';
import { searchTerms } from '@/lib/payments/payment-search';

describe('payment filter schema (URL → filters)', () => {
  it('parses a full query string, trimming and dropping blanks', () => {
    const parsed = parsePaymentFilters(new URLSearchParams('status=success&currency=KWD&provider=mpesa&from=2026-01-01&to=2026-01-31&q=%20ORD-1%20&attention=1&limit=50&provider='));
    expect(parsed.success && parsed.data).toEqual({ status: 'success', currency: 'KWD', provider: 'mpesa', from: '2026-01-01', to: '2026-01-31', q: 'ORD-1', attention: true, dir: 'next', limit: 50 });
  });

  it('defaults to newest first, 25 a page', () => {
    expect(parsePaymentFilters({}).data).toEqual({ dir: 'next', limit: DEFAULT_PAGE_SIZE });
  });

  it('takes the first of a repeated key', () => {
    expect(parsePaymentFilters({ status: ['failed', 'success'] }).data?.status).toBe('failed');
  });

  it.each([
    ['status', { status: 'paid' }],
    ['currency', { currency: 'EUR' }],
    ['provider', { provider: 'paypal' }],
    ['from', { from: '31/01/2026' }],
    ['limit', { limit: '1e9' }],
    ['limit', { limit: '-3' }],
    ['cursor', { cursor: 'not a cursor!' }],
    ['from', { from: '2026-02-01', to: '2026-01-01' }],
  ])('rejects a bad %s', (field, input) => {
    const parsed = parsePaymentFilters(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path[0]).toBe(field);
  });

  it('lenient parsing keeps the good filters and names the bad ones', () => {
    const { filters, problems } = parsePaymentFiltersLenient({ status: 'success', currency: 'EUR' });
    expect(filters.status).toBe('success');
    expect(filters.currency).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^currency /);
  });

  it('round-trips to a query string without defaults, and drops paging for the selection', () => {
    const filters = parsePaymentFilters({ status: 'failed', q: '0712 345 678', cursor: 'abc', dir: 'prev' }).data!;
    expect(filtersToSearchParams(filters).toString()).toBe('status=failed&q=0712+345+678&cursor=abc&dir=prev');
    expect(selectionOf(filters)).toEqual({ status: 'failed', q: '0712 345 678' });
    expect(filtersToSearchParams(selectionOf(filters)).toString()).toBe('status=failed&q=0712+345+678');
  });

  it('reads dates as whole UTC days and instants as given', () => {
    expect(rangeStart('2026-01-31').toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(rangeEnd('2026-01-31').toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(rangeEnd('2026-01-31T10:00:00+03:00').toISOString()).toBe('2026-01-31T07:00:00.000Z');
  });
});

describe('search terms', () => {
  it('normalises a phone number in every form to stored MSISDNs', () => {
    expect(searchTerms('0712 345 678').msisdns).toEqual(expect.arrayContaining(['254712345678', '255712345678']));
    expect(searchTerms('+254 712-345-678').msisdns).toEqual(['254712345678']);
    expect(searchTerms('254712345678').msisdns).toContain('254712345678');
  });

  it('treats anything else as exact references in the cases people type them', () => {
    expect(searchTerms('ord-7k3m9q')).toEqual({ msisdns: [], texts: ['ord-7k3m9q', 'ORD-7K3M9Q'] });
    expect(searchTerms('QKL1ABCDEF').texts).toEqual(['QKL1ABCDEF', 'qkl1abcdef']);
  });
});
