// What every admin server action returns to its useActionState form: a sentence, and the
// field it is about when it is about one. Errors are returned, never thrown at the form.
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/server/log';

export interface ActionResult {
  ok: boolean;
  message: string;
  field?: string;
  /** Shown once and never again (a new API key). */
  secret?: string;
}

export function actionError(error: unknown): ActionResult {
  if (error instanceof AppError) return { ok: false, message: error.message, field: error.field };
  logError('[admin] action failed', error);
  return { ok: false, message: 'Something went wrong; the details are in the server log.' };
}
