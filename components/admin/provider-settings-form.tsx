'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/admin/action-result';
import { ActionStatus } from './action-status';
import type { SettingsView } from '@/lib/settings/view';

interface Props {
  view: SettingsView;
  storedOptions: Record<string, string>;
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
}

export function ProviderSettingsForm({ view, storedOptions, action }: Props) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="space-y-4 rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <h2 className="font-semibold">Stored settings</h2>
      <input type="hidden" name="provider" value={view.provider} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={view.enabled} className="h-4 w-4" />
        Enabled (switched off, the provider is refused at checkout and by the API)
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        {view.fields.map((f) => (
          <div key={f.key}>
            <label htmlFor={`f-${f.key}`} className="block text-sm font-medium">
              {f.label}
              {f.required ? '' : <span className="font-normal text-stone-500"> (optional)</span>}
            </label>
            <input
              id={`f-${f.key}`}
              name={f.key}
              type={f.secret ? 'password' : 'text'}
              autoComplete="off"
              defaultValue={f.secret ? '' : (storedOptions[f.key] ?? '')}
              placeholder={f.secret ? (f.source === 'stored' || f.storedToo ? `${f.display ?? ''} (stored; blank keeps it)` : 'not stored') : ''}
              aria-invalid={state?.field === f.key || undefined}
              className={`mt-1 w-full rounded-lg border px-3 py-2 text-sm ${state?.field === f.key ? 'border-red-500' : 'border-stone-300'}`}
            />
            {f.source === 'env' ? <p className="mt-0.5 text-xs text-indigo-800">{f.env} is set in the environment and wins over this value.</p> : null}
            {f.help ? <p className="mt-0.5 text-xs text-stone-500">{f.help}</p> : null}
            {f.secret ? (
              <label className="mt-1 flex items-center gap-1.5 text-xs text-stone-600">
                <input type="checkbox" name={`clear:${f.key}`} /> clear the stored value
              </label>
            ) : null}
          </div>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-900 disabled:bg-stone-400">
          {pending ? 'Saving…' : 'Save'}
        </button>
        <ActionStatus state={state} />
      </div>
    </form>
  );
}
