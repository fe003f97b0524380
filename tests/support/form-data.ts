/** A FormData as a browser would post it, for calling server actions directly. */
export function formData(entries: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}
