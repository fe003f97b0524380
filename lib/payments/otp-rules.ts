// Pure OTP rules, shared by the service, the API and the shopper's pages (and unit tested).

export const OTP_PATTERN = /^\d{4,8}$/;

/** What shoppers paste ("123 456", "123-456") becomes digits; anything else stays as typed. */
export function normalizeOtp(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export interface SendAllowance {
  allowed: boolean;
  sendsLeft: number;
  /** Seconds until the oldest send in the window stops counting (0 when a send is allowed). */
  retryAfterSeconds: number;
}

/** At most `maxSends` codes to one phone within any `windowMs`. */
export function otpSendAllowance(sentAt: Date[], now: Date, maxSends: number, windowMs: number): SendAllowance {
  const recent = sentAt.filter((d) => d.getTime() > now.getTime() - windowMs).sort((a, b) => a.getTime() - b.getTime());
  const sendsLeft = Math.max(0, maxSends - recent.length);
  if (sendsLeft > 0) return { allowed: true, sendsLeft, retryAfterSeconds: 0 };
  // The send that frees a slot is the oldest of the last `maxSends`.
  const freeing = recent[recent.length - maxSends] ?? recent[0];
  const retryAfterSeconds = freeing ? Math.max(1, Math.ceil((freeing.getTime() + windowMs - now.getTime()) / 1000)) : 1;
  return { allowed: false, sendsLeft: 0, retryAfterSeconds };
}

/** After a wrong code: tries left, and whether the attempt must now fail. */
export function afterWrongOtp(wrongSoFar: number, maxAttempts: number): { wrong: number; triesLeft: number; locked: boolean } {
  const wrong = wrongSoFar + 1;
  const triesLeft = Math.max(0, maxAttempts - wrong);
  return { wrong, triesLeft, locked: triesLeft === 0 };
}

export function triesLeftOf(wrongSoFar: number, maxAttempts: number): number {
  return Math.max(0, maxAttempts - wrongSoFar);
}

/** OTP lifetime: the provider's, never more than 10 minutes. */
export function otpLifetimeSeconds(providerSeconds: number | undefined): number {
  return Math.min(providerSeconds ?? 600, 600);
}

/** Plain words for a try count, for the shopper and the API message. */
export function triesLeftText(triesLeft: number): string {
  return triesLeft === 1 ? '1 try left' : `${triesLeft} tries left`;
}
