import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../types';
import type { OttuSimConfig } from './config';
import type { SavedCard, Session } from './sessions';

export interface OttuState {
  ctx: SandboxContext;
  config(): OttuSimConfig;
  sessions: Map<string, Session>;
  cards: Map<string, SavedCard>;
  /** Tracking-Key → the answer given, so a retried operation is not a second one. */
  operations: Map<string, { status: number; body: unknown }>;
}

export const newSessionId = () => randomBytes(20).toString('hex');
export const newReference = () => `sandbox${randomBytes(4).toString('hex').toUpperCase()}`;

export function findSession(s: OttuState, ref: { session_id?: unknown; order_no?: unknown }): Session | undefined {
  if (typeof ref.session_id === 'string') return s.sessions.get(ref.session_id);
  if (typeof ref.order_no === 'string') return [...s.sessions.values()].find((x) => x.orderNo === ref.order_no);
  return undefined;
}
