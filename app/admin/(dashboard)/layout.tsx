import { AdminNav } from '@/components/admin/admin-nav';
import { requirePageRole } from '@/lib/auth/guards';

// Each page checks the session itself too: layouts are not re-run on every navigation, and
// server actions and route handlers never pass through here.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageRole('viewer', '/admin');
  return (
    <>
      <AdminNav user={user} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
