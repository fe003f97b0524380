'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/admin/action-result';
import { ActionStatus } from './action-status';

type Decision = 'accept_paid' | 'mark_failed' | 'note';

const CHOICES: { value: Decision; label: string; hint: string }[] = [
  { value: 'accept_paid', label: 'Accept as paid', hint: "Only with the provider's receipt for the full amount: credits the order." },
  { value: 'mark_failed', label: 'Mark failed', hint: 'The provider confirms no money moved: closes the attempt, stops the queries.' },
  { value: 'note', label: 'Add a note', hint: 'Changes nothing: records what you found or asked.' },
];

/** A person's decision on a payment that needs attention; every choice needs a reason. */
export function AttentionDecisionForm({ paymentId, action }: { paymentId: string; action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult> }) {
  const [state, submit, pending] = useActionState(action, null);
  const [decision, setDecision] = useState<Decision>('note');
  const invalid = (field: string) => (state && !state.ok && state.field === field ? true : undefined);
  return (
    <form action={submit} className="space-y-3">
      <input type="hidden" name="id" value={paymentId} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Decision</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="flex items-start gap-2 text-sm">
            <input type="radio" name="decision" value={c.value} checked={decision === c.value} onChange={() => setDecision(c.value)} className="mt-1" />
            <span>
              <span className="font-medium">{c.label}</span>
              <span className="block text-stone-600">{c.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">Provider receipt</span> <span className="text-stone-600">(for “Accept as paid”)</span>
        <input name="receipt" autoComplete="off" aria-invalid={invalid('receipt')} className="mt-1 block w-full rounded-lg border border-stone-300 px-2 py-1.5" />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Reason</span> <span className="text-stone-600">(required, kept in the timeline)</span>
        <textarea name="reason" required minLength={3} maxLength={500} rows={2} aria-invalid={invalid('reason')} className="mt-1 block w-full rounded-lg border border-stone-300 px-2 py-1.5" />
      </label>
      <button type="submit" disabled={pending} className="rounded-lg bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-900 disabled:bg-stone-400">
        {pending ? 'Saving…' : 'Record decision'}
      </button>
      <ActionStatus state={state} />
    </form>
  );
}
