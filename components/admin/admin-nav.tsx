import Link from 'next/link';
import type { AdminUser } from '@/lib/auth/roles';
import { SignOutButton } from './sign-out-button';

const LINKS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/transactions', label: 'Transactions' },
  { href: '/admin/attention', label: 'Needs attention' },
  { href: '/admin/settings', label: 'Providers' },
  { href: '/admin/api-keys', label: 'API keys' },
];

export function AdminNav({ user }: { user: AdminUser }) {
  return (
    <header className="bg-brand-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/admin" className="text-lg font-bold tracking-tight">
          Malipo <span className="font-normal text-brand-100">admin</span>
        </Link>
        <nav aria-label="Admin" className="flex flex-wrap gap-1 text-sm">
          {LINKS.map((l) => (
            <Link key={l.href} href={l.href} className="rounded-md px-2 py-1 hover:bg-brand-700">
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span>
            {user.name} <span className="rounded bg-brand-700 px-1.5 py-0.5 text-xs uppercase tracking-wide">{user.role}</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
