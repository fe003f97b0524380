// The app's log lines for failures. Database errors quote the failed query's parameters
// (drizzle: "Failed query: insert ... params: 254712345678,..."), so every line is passed through
// the same phone masking the admin applies for viewers, and only messages are printed, never
// stacks or whole error objects (which carry the parameters again in their fields).
import { maskPhonesInText } from '@/lib/payments/redact';

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  return maskPhonesInText(message);
}

export function logError(context: string, error?: unknown): void {
  console.error(maskPhonesInText(context), ...(error === undefined ? [] : [describeError(error)]));
}

export function logWarn(message: string): void {
  console.warn(maskPhonesInText(message));
}
