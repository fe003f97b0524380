'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { PAYMENT_STATUSES } from '@/lib/payments/state-machine';
import { CURRENCIES } from '@/lib/payments/money';
import { PROVIDER_IDS } from '@/lib/providers/types';

interface Props {
  /** The server's parsed view of the URL, so controls start where the data is. */
  initial: { status?: string; currency?: string; provider?: string; from?: string; to?: string; q?: string };
}

const select = 'rounded-lg border border-stone-300 bg-white px-2.5 py-2 text-sm';

/**
 * The URL is the state: every change replaces the query string (dropping the page cursor, as
 * the result set changed) and the server re-renders the list. Free text waits 300 ms.
 */
export function PaymentFilters({ initial }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [q, setQ] = useState(initial.q ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // Back/forward changes the URL under us: follow it unless the user is typing.
  const urlQ = params.get('q') ?? '';
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (document.activeElement !== input.current) setQ(urlQ);
  }, [urlQ]);

  function update(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('cursor');
    next.delete('dir');
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  function search(value: string) {
    setQ(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => update('q', value.trim()), 300);
  }

  return (
    <form role="search" aria-label="Filter payments" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <label className="flex min-w-64 flex-1 flex-col text-xs font-medium text-stone-600">
        Search
        <input
          ref={input}
          type="search"
          name="q"
          value={q}
          onChange={(e) => search(e.target.value)}
          placeholder="Phone, order reference, receipt, provider reference, payment id"
          className="mt-1 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900"
        />
      </label>
      <Choice label="Status" name="status" value={initial.status} options={PAYMENT_STATUSES} onChange={update} />
      <Choice label="Currency" name="currency" value={initial.currency} options={Object.keys(CURRENCIES)} onChange={update} />
      <Choice label="Provider" name="provider" value={initial.provider} options={PROVIDER_IDS} onChange={update} />
      <label className="flex flex-col text-xs font-medium text-stone-600">
        From
        <input type="date" name="from" defaultValue={initial.from?.slice(0, 10)} onChange={(e) => update('from', e.target.value)} className={`mt-1 ${select}`} />
      </label>
      <label className="flex flex-col text-xs font-medium text-stone-600">
        To
        <input type="date" name="to" defaultValue={initial.to?.slice(0, 10)} onChange={(e) => update('to', e.target.value)} className={`mt-1 ${select}`} />
      </label>
    </form>
  );
}

function Choice({ label, name, value, options, onChange }: { label: string; name: string; value?: string; options: readonly string[]; onChange: (name: string, value: string) => void }) {
  return (
    <label className="flex flex-col text-xs font-medium text-stone-600">
      {label}
      <select name={name} defaultValue={value ?? ''} onChange={(e) => onChange(name, e.target.value)} className={`mt-1 ${select}`}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </label>
  );
}
