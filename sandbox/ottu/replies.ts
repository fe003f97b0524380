// Ottu's answers in DRF style (providers.md §3.1): field lists or `{"detail": …}`.
export interface Reply {
  status: number;
  body: unknown;
  ledger?: Record<string, unknown>;
  /** Set for the hosted pages: sent as HTML or a redirect instead of JSON. */
  html?: string;
  location?: string;
}

export const reply = (status: number, body: unknown): Reply => ({ status, body });
export const detail = (status: number, text: string): Reply => reply(status, { detail: text });
export const fieldErrors = (errors: Record<string, string[]>): Reply => reply(400, errors);
export const notFound = (): Reply => detail(404, 'Not found.');
export const REQUIRED = 'This field is required.';
export const invalidChoice = (value: unknown) => `"${String(value)}" is not a valid choice.`;
