'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/admin/action-result';

export function ApiKeyCreateForm({ action }: { action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult> }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <div className="space-y-3 rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <form action={submit} className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm font-medium">
          Name
          <input name="name" required maxLength={80} placeholder="e.g. Booking system" className="mt-1 rounded-lg border border-stone-300 px-3 py-2 text-sm font-normal" />
        </label>
        <label className="flex min-w-72 flex-1 flex-col text-sm font-medium">
          Default callback URL <span className="font-normal text-stone-500">(optional)</span>
          <input name="callbackUrl" type="url" placeholder="https://example.com/webhooks/malipo" className="mt-1 rounded-lg border border-stone-300 px-3 py-2 text-sm font-normal" />
        </label>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input name="kind" type="checkbox" value="admin" />
          Admin key <span className="font-normal text-stone-500">(sees every payment)</span>
        </label>
        <button type="submit" disabled={pending} className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-900 disabled:bg-stone-400">
          {pending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {state ? (
        <div role="status" className={`rounded-lg px-3 py-2 text-sm ${state.ok ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-800'}`}>
          <p>{state.message}</p>
          {state.secret ? (
            <code data-testid="new-api-key" className="mt-1 block select-all break-all rounded bg-white px-2 py-1 font-mono text-sm ring-1 ring-green-200">
              {state.secret}
            </code>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
