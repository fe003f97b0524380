// PostgreSQL text and jsonb cannot hold NUL, and a lone UTF-16 surrogate is not text at all:
// either breaks an insert deep in the domain. API input carrying one is refused naming the field.
const INVALID = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasInvalidText(value: string): boolean {
  return INVALID.test(value);
}

/** The path ("customer_name", "items.0.name") of the first string holding NUL or a lone surrogate. */
export function findInvalidText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (depth > 32) return null;
  if (typeof value === 'string') return hasInvalidText(value) ? path.join('.') || 'body' : null;
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (hasInvalidText(key)) return [...path, '?'].join('.');
      const found = findInvalidText(v, [...path, key], depth + 1);
      if (found) return found;
    }
  }
  return null;
}
