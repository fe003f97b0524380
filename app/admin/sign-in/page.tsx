import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/admin/sign-in-form';
import { currentUser } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Sign in' };

/** Only paths inside the admin are accepted as the place to return to. */
function safeCallback(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return '/admin';
  try {
    const url = new URL(raw, 'http://local');
    return url.origin === 'http://local' && url.pathname.startsWith('/admin') && !url.pathname.startsWith('/admin/sign-in') ? `${url.pathname}${url.search}` : '/admin';
  } catch {
    return '/admin';
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const error = typeof params.error === 'string' ? params.error : undefined;
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-bold tracking-tight">
        Malipo <span className="font-normal text-stone-500">admin</span>
      </h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">Sign in to see payments and manage providers.</p>
      <div className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <SignInForm callbackUrl={callbackUrl} initialError={error} />
      </div>
    </main>
  );
}
