// The shopper's phone: push prompts waiting for an answer and an SMS inbox, shared by every
// simulator and rendered by /phone. Answers come from the phone page or the control API.
import { randomBytes } from 'node:crypto';
import type { PhonePrompt, SandboxContext, SmsMessage } from './types';

const MAX_PROMPTS = 500;
const MAX_SMS = 500;

export type AnswerResult =
  | { ok: true; prompt: PhonePrompt }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_pending'; prompt: PhonePrompt };

export interface Phone extends Pick<SandboxContext['phone'], 'addPrompt' | 'sendSms'> {
  answer(id: string, approved: boolean): AnswerResult;
  /** Latest first. */
  prompts(msisdn?: string): PhonePrompt[];
  /** Latest first. */
  sms(msisdn?: string): SmsMessage[];
  reset(): void;
}

interface Handlers {
  onAnswer: (approved: boolean) => void;
  onExpire?: () => void;
}

/** Compares numbers the way people type them: "+254 700 000 001" matches "254700000001". */
export function sameMsisdn(a: string, b: string): boolean {
  return a.replace(/\D/g, '') === b.replace(/\D/g, '');
}

export function createPhone(
  later: SandboxContext['later'],
  onError: (err: unknown) => void,
): Phone {
  let prompts: PhonePrompt[] = [];
  let messages: SmsMessage[] = [];
  const handlers = new Map<string, Handlers>();
  const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

  // Simulator callbacks must not break the page or the control API that triggered them.
  const safely = (fn: (() => void) | undefined) => {
    try {
      fn?.();
    } catch (err) {
      onError(err);
    }
  };

  const expire = (id: string) => {
    const prompt = prompts.find((p) => p.id === id);
    if (!prompt || prompt.status !== 'pending') return;
    prompt.status = 'expired';
    const h = handlers.get(id);
    handlers.delete(id);
    safely(h?.onExpire);
  };

  const filter = <T extends { msisdn: string }>(list: T[], msisdn?: string) =>
    (msisdn ? list.filter((x) => sameMsisdn(x.msisdn, msisdn)) : list).map((x) => ({ ...x })).reverse();

  return {
    addPrompt(p, onAnswer, onExpire) {
      const prompt: PhonePrompt = { ...p, id: newId('prm'), createdAt: Date.now(), status: 'pending' };
      prompts.push(prompt);
      if (prompts.length > MAX_PROMPTS) prompts = prompts.slice(-MAX_PROMPTS);
      handlers.set(prompt.id, { onAnswer, onExpire });
      later(prompt.expiresAt - Date.now(), () => expire(prompt.id));
      return prompt;
    },
    sendSms(m) {
      const message: SmsMessage = { ...m, id: newId('sms'), sentAt: Date.now() };
      messages.push(message);
      if (messages.length > MAX_SMS) messages = messages.slice(-MAX_SMS);
      return message;
    },
    answer(id, approved) {
      const prompt = prompts.find((p) => p.id === id);
      if (!prompt) return { ok: false, reason: 'not_found' };
      // A timer may not have fired yet on a busy event loop; the deadline still holds.
      if (prompt.status === 'pending' && Date.now() >= prompt.expiresAt) expire(id);
      if (prompt.status !== 'pending') return { ok: false, reason: 'not_pending', prompt: { ...prompt } };
      prompt.status = approved ? 'approved' : 'declined';
      const h = handlers.get(id);
      handlers.delete(id);
      safely(h && (() => h.onAnswer(approved)));
      return { ok: true, prompt: { ...prompt } };
    },
    prompts: (msisdn) => filter(prompts, msisdn),
    sms: (msisdn) => filter(messages, msisdn),
    reset() {
      prompts = [];
      messages = [];
      handlers.clear();
    },
  };
}
