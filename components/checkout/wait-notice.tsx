import { z } from 'zod';
import { waitText } from '@/lib/limits/wait-text';

const waitParam = z.coerce.number().int().min(1).max(86_400);

/** After a shop action a rate limit refused (…?wait=<seconds>): says when to try again. */
export function WaitNotice({ wait }: { wait: unknown }) {
  const seconds = waitParam.safeParse(Array.isArray(wait) ? wait[0] : wait);
  if (!seconds.success) return null;
  return (
    <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Too many requests from your network or to this phone for now. Try again in {waitText(seconds.data)}.
    </p>
  );
}
