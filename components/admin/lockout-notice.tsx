import type { Lockout } from '@/lib/auth/sign-in-guard';

/** Sign-in lockouts of the last day, so the team learns someone is guessing passwords. */
export function LockoutNotice({ lockouts }: { lockouts: Lockout[] }) {
  if (lockouts.length === 0) return null;
  return (
    <section role="status" aria-label="Sign-in lockouts" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-semibold">Sign-ins locked after 10 wrong passwords (last 24 hours)</p>
      <ul className="mt-1 list-disc pl-5">
        {lockouts.map((l) => (
          <li key={`${l.email}:${l.ip}`}>
            {l.email} from {l.ip}: {l.lockedUntil > new Date() ? `locked until ${l.lockedUntil.toISOString().slice(11, 16)} UTC` : 'lock ended'}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs">Only that network is locked out of that account; <code>npm run cli users:set-password</code> lifts every lock of an account.</p>
    </section>
  );
}
