'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { PAYMENT_STATUSES } from '@/lib/payments/state-machine';
import { CURRENCIES } from '@/lib/payments/money';
import { PROVIDER_IDS } from '@/lib/providers/types';

const control = 'mt-1 rounded-lg border border-stone-300 bg-white px-2.5 py-2 text-sm text-stone-900';
const labelled = 'flex flex-col text-xs font-medium text-stone-600';

/**
 * The URL is the state: every control reads its value from the query string (so back/forward
 * and shared links just work) and a change replaces the query string, dropping the page cursor
 * since the result set changed. Only the search box holds typed text, sent after 300 ms.
 */
export function PaymentFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const urlQ = params.get('q') ?? '';
  const [q, setQ] = useState(urlQ);
  const typed = useRef(urlQ);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // Back/forward changes the URL under us: follow it unless the user is typing.
  useEffect(() => {
    if (document.activeElement !== input.current) {
      setQ(urlQ);
      typed.current = urlQ;
    }
  }, [urlQ]);

  function navigate(changes: Record<string, string>) {
    if (timer.current) clearTimeout(timer.current);
    // From the live URL, not a render's snapshot, and with any search still being typed.
    const next = new URLSearchParams(window.location.search);
    for (const [name, value] of Object.entries({ q: typed.current.trim(), ...changes })) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    next.delete('cursor');
    next.delete('dir');
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  function search(value: string) {
    setQ(value);
    typed.current = value;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => navigate({}), 300);
  }

  const choice = (label: string, name: string, options: readonly string[]) => (
    <label className={labelled}>
      {label}
      <select name={name} value={params.get(name) ?? ''} onChange={(e) => navigate({ [name]: e.target.value })} className={control}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form role="search" aria-label="Filter payments" className="flex flex-wrap items-end gap-3" onSubmit={(e) => (e.preventDefault(), navigate({}))}>
      <label className={`${labelled} min-w-64 flex-1`}>
        Search
        <input
          ref={input}
          type="search"
          name="q"
          value={q}
          onChange={(e) => search(e.target.value)}
          placeholder="Phone, order reference, receipt, provider reference, payment id"
          className={control}
        />
      </label>
      {choice('Status', 'status', PAYMENT_STATUSES)}
      {choice('Currency', 'currency', Object.keys(CURRENCIES))}
      {choice('Provider', 'provider', PROVIDER_IDS)}
      <label className={labelled}>
        From
        <input type="date" name="from" value={params.get('from')?.slice(0, 10) ?? ''} onChange={(e) => navigate({ from: e.target.value })} className={control} />
      </label>
      <label className={labelled}>
        To
        <input type="date" name="to" value={params.get('to')?.slice(0, 10) ?? ''} onChange={(e) => navigate({ to: e.target.value })} className={control} />
      </label>
    </form>
  );
}
