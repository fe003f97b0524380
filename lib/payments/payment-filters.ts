// The filters of a payment list, declared once. The admin pages parse their URL with it, the
// merchant API parses its query string with it, and list-payments.ts turns the result into SQL.
// Pure (no DB, no server-only): the client filter controls import the option lists from here.
import { z } from 'zod';
import { currencySchema } from './money';
import { PAYMENT_STATUSES } from './state-machine';
import { PROVIDER_IDS } from '@/lib/providers/types';

/** A query-string value: first of a repeated key, blank treated as absent. */
const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first !== 'string') return first;
    const trimmed = first.trim();
    return trimmed === '' ? undefined : trimmed;
  }, schema.optional());

const dayOrInstant = z.union([
  z.iso.date({ error: 'must be a date such as 2026-01-31' }),
  z.iso.datetime({ offset: true, error: 'must be a date such as 2026-01-31 or an ISO 8601 instant' }),
]);

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export const paymentFiltersSchema = z
  .object({
    status: param(z.enum(PAYMENT_STATUSES, { error: `must be one of ${PAYMENT_STATUSES.join(', ')}` })),
    currency: param(currencySchema),
    provider: param(z.enum(PROVIDER_IDS, { error: `must be one of ${PROVIDER_IDS.join(', ')}` })),
    /** Created on or after (a date means 00:00 UTC that day). */
    from: param(dayOrInstant),
    /** Created on or before (a date includes that whole day, UTC). */
    to: param(dayOrInstant),
    /** Phone number (any common form), order reference, provider receipt/reference, payment id. */
    q: param(z.string().max(100, 'must be at most 100 characters')),
    /** Only payments a human should look at (flagged or stuck). */
    attention: param(z.enum(['1', 'true']).transform(() => true as const)),
    /** Opaque keyset cursor from a previous page (`next_cursor` / `prev_cursor`). */
    cursor: param(z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor')),
    /** Direction of the cursor: after it (older, the default) or before it (newer). */
    dir: param(z.enum(['next', 'prev'])).transform((v) => v ?? 'next'),
    limit: param(z.coerce.number().int().min(1).max(100, 'must be at most 100')).transform((v) => v ?? DEFAULT_PAGE_SIZE),
  })
  .refine((f) => !f.from || !f.to || rangeStart(f.from) <= rangeEnd(f.to), {
    message: 'must not be after "to"',
    path: ['from'],
  });

export type PaymentFilters = z.output<typeof paymentFiltersSchema>;
export type PaymentFiltersInput = z.input<typeof paymentFiltersSchema>;

/** What selects the rows, without the paging: the same for the list, the totals and the CSV. */
export type PaymentSelection = Omit<PaymentFilters, 'cursor' | 'dir' | 'limit'>;

/** Parses URL search params (Next's `searchParams` object or a URLSearchParams). */
export function parsePaymentFilters(input: Record<string, string | string[] | undefined> | URLSearchParams) {
  const record = input instanceof URLSearchParams ? Object.fromEntries([...new Set(input.keys())].map((k) => [k, input.getAll(k)])) : input;
  return paymentFiltersSchema.safeParse(record);
}

/** Lenient parse for pages: a bad value is dropped rather than breaking the whole view. */
export function parsePaymentFiltersLenient(input: Record<string, string | string[] | undefined>): {
  filters: PaymentFilters;
  problems: string[];
} {
  const result = paymentFiltersSchema.safeParse(input);
  if (result.success) return { filters: result.data, problems: [] };
  const bad = new Set(result.error.issues.map((i) => String(i.path[0])));
  const problems = result.error.issues.map((i) => `${String(i.path[0])} ${i.message}`);
  const kept = Object.fromEntries(Object.entries(input).filter(([k]) => !bad.has(k)));
  const retry = paymentFiltersSchema.safeParse(kept);
  return { filters: retry.success ? retry.data : paymentFiltersSchema.parse({}), problems };
}

/** Back to a query string (for links: next page, CSV export, "clear"). Defaults are omitted. */
export function filtersToSearchParams(filters: Partial<PaymentFilters>): URLSearchParams {
  const params = new URLSearchParams();
  const entries: [string, string | undefined][] = [
    ['status', filters.status],
    ['currency', filters.currency],
    ['provider', filters.provider],
    ['from', filters.from],
    ['to', filters.to],
    ['q', filters.q],
    ['attention', filters.attention ? '1' : undefined],
    ['cursor', filters.cursor],
    ['dir', filters.cursor && filters.dir === 'prev' ? 'prev' : undefined],
    ['limit', filters.limit && filters.limit !== DEFAULT_PAGE_SIZE ? String(filters.limit) : undefined],
  ];
  for (const [key, value] of entries) if (value) params.set(key, value);
  return params;
}

export function selectionOf(filters: PaymentFilters): PaymentSelection {
  const selection: Partial<PaymentFilters> = { ...filters };
  delete selection.cursor;
  delete selection.dir;
  delete selection.limit;
  return selection as PaymentSelection;
}

/** Inclusive lower bound of a "from" value. */
export function rangeStart(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
}

/** Upper bound of a "to" value: a bare date includes its whole day (exclusive next midnight). */
export function rangeEnd(value: string): Date {
  if (value.length !== 10) return new Date(value);
  return new Date(new Date(`${value}T00:00:00.000Z`).getTime() + 86_400_000);
}

/** True when rangeEnd(value) is itself included (an instant), false for the exclusive midnight. */
export function rangeEndInclusive(value: string): boolean {
  return value.length !== 10;
}
