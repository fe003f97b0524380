import type { Metadata } from 'next';
import { ApiKeyCreateForm } from '@/components/admin/api-key-create-form';
import { RevokeKeyButton } from '@/components/admin/revoke-key-button';
import { listApiKeys } from '@/lib/admin/api-keys';
import { formatDateTime } from '@/lib/admin/present';
import { requirePageRole } from '@/lib/auth/guards';
import { getDb } from '@/lib/server/database';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const user = await requirePageRole('viewer', '/admin/api-keys');
  const keys = await listApiKeys(await getDb());
  const isAdmin = user.role === 'admin';
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">API keys</h1>
        <p className="text-sm text-stone-600">Merchant systems call the payments API with these (Authorization: Bearer …). Only a hash is stored; a lost key is revoked and replaced.</p>
      </div>
      {isAdmin ? <ApiKeyCreateForm action={createApiKeyAction} /> : null}
      <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-stone-200 text-sm">
          <thead className="bg-stone-50 text-left text-xs font-semibold uppercase tracking-wide text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Key</th>
              <th scope="col" className="px-3 py-2">Created</th>
              <th scope="col" className="px-3 py-2">Last used</th>
              <th scope="col" className="px-3 py-2">State</th>
              {isAdmin ? <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {keys.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-stone-500">No keys yet.</td>
              </tr>
            ) : null}
            {keys.map((k) => (
              <tr key={k.id} className={k.revokedAt ? 'text-stone-400' : ''}>
                <td className="px-3 py-2 font-medium">{k.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="px-3 py-2 tabular-nums">{formatDateTime(k.createdAt)}</td>
                <td className="px-3 py-2 tabular-nums">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'}</td>
                <td className="px-3 py-2">{k.revokedAt ? `revoked ${formatDateTime(k.revokedAt)}` : 'active'}</td>
                {isAdmin ? <td className="px-3 py-2 text-right">{k.revokedAt ? null : <RevokeKeyButton id={k.id} name={k.name} action={revokeApiKeyAction} />}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
