'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/admin/action-result';
import { ActionStatus } from './action-status';

export function RequeryForm({ paymentId, action }: { paymentId: string; action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult> }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="space-y-2">
      <input type="hidden" name="id" value={paymentId} />
      <button type="submit" disabled={pending} className="rounded-lg bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-900 disabled:bg-stone-400">
        {pending ? 'Asking the provider…' : 'Re-query status now'}
      </button>
      <ActionStatus state={state} />
    </form>
  );
}
