// Ottu's inquiry throttling (providers.md §3.4): none within 10 minutes of creation, then at most
// once per 30 minutes and 3 a day per transaction. Pure: the caller keeps the history.
const GRACE_MS = 10 * 60_000;
const SPACING_MS = 30 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const PER_DAY = 3;

/** The earliest instant the next inquiry is allowed (≤ now means allowed now). */
export function nextInquiryAt(createdAt: Date, previous: readonly Date[]): Date {
  const times = previous.map((d) => d.getTime()).sort((a, b) => a - b);
  let at = createdAt.getTime() + GRACE_MS;
  const last = times.at(-1);
  if (last !== undefined) at = Math.max(at, last + SPACING_MS);
  // The call PER_DAY back must have left the 24-hour window.
  const third = times.at(-PER_DAY);
  if (third !== undefined) at = Math.max(at, third + DAY_MS);
  return new Date(at);
}

export function inquiryAllowed(createdAt: Date, previous: readonly Date[], now: Date): boolean {
  return nextInquiryAt(createdAt, previous).getTime() <= now.getTime();
}
