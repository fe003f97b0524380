'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/admin/action-result';

export function RevokeKeyButton({ id, name, action }: { id: number; name: string; action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult> }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form
      action={submit}
      onSubmit={(e) => {
        if (!window.confirm(`Revoke "${name}"? Systems using it stop working at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded-md border border-red-300 px-2 py-1 text-xs font-semibold text-red-700 hover:bg-red-50 disabled:opacity-50">
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      {state && !state.ok ? <span className="ml-2 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
