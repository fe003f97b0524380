'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/admin/action-result';

export function TestConnectionForm({ provider, action }: { provider: string; action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult> }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="flex flex-wrap items-center gap-3 rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <input type="hidden" name="provider" value={provider} />
      <button type="submit" disabled={pending} className="rounded-lg border border-brand-700 bg-white px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-50">
        {pending ? 'Testing…' : 'Test connection'}
      </button>
      <span className="text-sm text-stone-600">One real authenticated call to the provider with the settings in effect.</span>
      {state ? (
        <p role="status" className={`w-full rounded-lg px-3 py-2 text-sm ${state.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>
          {state.ok ? '✓ ' : '✗ '}
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
