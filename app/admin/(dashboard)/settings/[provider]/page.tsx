import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ProviderSettingsForm } from '@/components/admin/provider-settings-form';
import { TestConnectionForm } from '@/components/admin/test-connection-form';
import { SettingsSummary } from '@/components/admin/settings-summary';
import { requirePageRole } from '@/lib/auth/guards';
import { canTestConnection } from '@/lib/settings/connection';
import { providerSettingsView } from '@/lib/settings/view';
import { readProviderSettings } from '@/lib/settings/store';
import { getDb } from '@/lib/server/database';
import { saveProviderSettingsAction, testConnectionAction } from './actions';

export const metadata: Metadata = { title: 'Provider settings' };

export default async function ProviderSettingsPage({ params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  const user = await requirePageRole('viewer', `/admin/settings/${encodeURIComponent(provider)}`);
  const db = await getDb();
  const isAdmin = user.role === 'admin';
  const view = await providerSettingsView(db, provider, isAdmin ? 'admin' : 'viewer');
  if (!view) notFound();
  // Clear text of stored *options* only, to prefill the form; secrets never leave the server.
  const storedOptions = isAdmin ? ((await readProviderSettings(db, provider))?.options ?? {}) : {};
  return (
    <div className="space-y-5">
      <div>
        <Link href="/admin/settings" className="text-sm text-brand-700 hover:underline">
          ← Providers
        </Link>
        <h1 className="mt-1 text-2xl font-bold tracking-tight">{view.displayName}</h1>
        <p className="text-sm text-stone-600">Environment variables override what is stored here; stored secrets are encrypted with SETTINGS_ENCRYPTION_KEY (AES-256-GCM) and never shown again.</p>
      </div>
      {view.secretsError ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          Stored secrets cannot be read: {view.secretsError}
        </p>
      ) : null}
      <SettingsSummary view={view} />
      {isAdmin ? (
        <>
          {canTestConnection(view.provider) ? <TestConnectionForm provider={view.provider} action={testConnectionAction} /> : null}
          <ProviderSettingsForm view={view} storedOptions={storedOptions} action={saveProviderSettingsAction} />
        </>
      ) : (
        <p className="text-sm text-stone-600">Viewers can see the configuration; an admin can change it.</p>
      )}
    </div>
  );
}
