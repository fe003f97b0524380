import 'server-only';
import type { Tx } from '@/db';
import { getEnv } from '@/lib/env';
import { takeSlotOrThrow } from '@/lib/limits/sliding-window';

/**
 * Prompts (pushes that make a phone ring) per normalised phone number, whoever asks: shop, API,
 * retries. OTP providers are limited by the OTP send limit instead (otp-limits.ts, stricter),
 * and a phone number belongs to one country, so one provider flow.
 */
export function promptLimit(msisdn: string) {
  const env = getEnv();
  return { bucket: `prompt-phone:${msisdn}`, limit: env.PROMPTS_PER_PHONE, windowSeconds: env.PROMPT_WINDOW_SECONDS };
}

/**
 * Counts one prompt for the phone or refuses (429, Retry-After) when its window is full. Runs in
 * the transaction that creates the attempt: a refusal leaves no attempt, and an attempt refused
 * later in that transaction gives its prompt back.
 */
export async function reservePrompt(tx: Tx, msisdn: string): Promise<void> {
  const limit = promptLimit(msisdn);
  await takeSlotOrThrow(
    tx,
    limit,
    (wait) => `msisdn has been sent ${limit.limit} payment prompts in the last ${limit.windowSeconds / 60} minutes; try again in ${wait}`,
    'msisdn',
  );
}
