/**
 * The sandbox stands in for a provider only while nothing real is configured: its test
 * credentials always travel with its own URL, never with a real endpoint (half-sandbox
 * configurations would send test keys to the provider, or real keys to the sandbox).
 */
export function sandboxFallback<D extends Record<string, string>>(
  sandboxUrl: string | undefined,
  path: string,
  defaults: D,
  realConfigured: boolean,
): (D & { baseUrl: string }) | null {
  if (!sandboxUrl || realConfigured) return null;
  return { ...defaults, baseUrl: `${sandboxUrl.replace(/\/$/, '')}${path}` };
}
