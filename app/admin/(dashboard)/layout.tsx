import { AdminNav } from '@/components/admin/admin-nav';
import { currentUser } from '@/lib/auth/guards';

// The navigation only. Access is decided by each page (requirePageRole, which knows its own
// path to come back to after sign-in), by each server action and by each route handler:
// layouts are not re-run on every navigation and never guard actions or API routes.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <>
      {user ? <AdminNav user={user} /> : null}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
