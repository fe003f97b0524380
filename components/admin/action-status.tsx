import type { ActionResult } from '@/lib/admin/action-result';

/** The sentence an admin action answered with, green or red, announced to screen readers. */
export function ActionStatus({ state }: { state: ActionResult | null }) {
  if (!state) return null;
  return (
    <p role="status" className={`text-sm ${state.ok ? 'text-green-800' : 'text-red-800'}`}>
      {state.message}
    </p>
  );
}
