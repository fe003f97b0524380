import type { SettingsView, ValueSource } from '@/lib/settings/view';
import { formatDateTime } from '@/lib/admin/present';

const SOURCE: Record<ValueSource, { label: string; style: string }> = {
  env: { label: 'environment', style: 'bg-indigo-100 text-indigo-800' },
  stored: { label: 'stored', style: 'bg-green-100 text-green-800' },
  sandbox: { label: 'sandbox default', style: 'bg-amber-100 text-amber-900' },
  default: { label: 'default', style: 'bg-stone-200 text-stone-700' },
  missing: { label: 'missing', style: 'bg-red-100 text-red-800' },
};

/** What payments use right now, field by field, and where each value comes from. */
export function SettingsSummary({ view }: { view: SettingsView }) {
  return (
    <section className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm" aria-label="Effective configuration">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">In effect</h2>
        <span className="text-xs text-stone-500">
          {view.enabled ? 'Enabled' : 'Switched off'}
          {view.updatedAt ? ` · stored settings updated ${formatDateTime(view.updatedAt)}` : ' · nothing stored yet'}
        </span>
      </div>
      {view.missing.length ? <p className="mb-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">Missing: {view.missing.join(', ')}</p> : null}
      <table className="min-w-full text-sm">
        <tbody className="divide-y divide-stone-100">
          {view.fields.map((f) => (
            <tr key={f.key}>
              <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                {f.label}
                {f.secret ? <span className="ml-1 text-xs text-stone-500">(secret)</span> : null}
              </th>
              <td className="py-1.5 pr-3 font-mono text-xs break-all" data-testid={`value-${f.key}`}>
                {f.display ?? '—'}
              </td>
              <td className="py-1.5 text-right">
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${SOURCE[f.source].style}`}>{f.source === 'env' ? `${f.env} (environment)` : SOURCE[f.source].label}</span>
                {f.storedToo ? <div className="mt-0.5 text-xs text-stone-500">a stored value is overridden</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
