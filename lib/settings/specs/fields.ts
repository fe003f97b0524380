// Schemas shared by the providers' settings specs. Credentials end up in HTTP headers, so no
// whitespace (a pasted "Basic …" or a trailing newline would fail every call, much later).
import { z } from 'zod';

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const credential = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(512, 'is too long')
  .regex(/^\S+$/, 'must not contain spaces');
