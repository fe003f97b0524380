import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageRole } from '@/lib/auth/guards';
import { loadProviders } from '@/lib/providers/registry';
import { SETTINGS_SPECS } from '@/lib/settings/specs';
import { getDb } from '@/lib/server/database';

export const metadata: Metadata = { title: 'Providers' };

export default async function ProvidersPage() {
  await requirePageRole('viewer', '/admin/settings');
  const availability = await loadProviders(await getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Providers</h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {[...availability.values()].map((a) => {
          const spec = SETTINGS_SPECS[a.id];
          return (
            <li key={a.id} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
              <div className="flex items-center justify-between gap-2">
                <span className="font-semibold">{spec?.displayName ?? a.provider?.displayName ?? a.id}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${a.provider ? 'bg-green-100 text-green-800' : 'bg-stone-200 text-stone-700'}`}>{a.provider ? 'available' : 'unavailable'}</span>
              </div>
              {a.reason ? <p className="mt-1 text-sm text-stone-600">{a.reason}</p> : null}
              {spec ? (
                <Link href={`/admin/settings/${a.id}`} className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
                  Settings →
                </Link>
              ) : (
                <p className="mt-2 text-xs text-stone-500">Configured through environment variables only.</p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
