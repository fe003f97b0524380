'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/admin/sign-in' })} className="rounded-md px-2 py-1 text-sm text-brand-100 underline-offset-2 hover:text-white hover:underline">
      Sign out
    </button>
  );
}
