// Which Ottu states allow which operation (providers.md §3.3, §3.9), checked before any call.
export type OttuOperation = 'cancel' | 'expire' | 'delete' | 'capture' | 'refund' | 'void';

const ALLOWED: Record<Exclude<OttuOperation, 'delete'>, readonly string[]> = {
  cancel: ['created', 'pending', 'attempted', 'cod'],
  expire: ['created', 'pending', 'attempted'],
  capture: ['authorized'],
  void: ['authorized'],
  refund: ['paid'],
};

export interface OperationContext {
  state: string;
  /** Minor units already captured on this session (captures are children; the parent stays authorized). */
  capturedMinor?: number;
}

/** Null when allowed, or a refusal naming the rule. */
export function refuseOttuOperation(op: OttuOperation, ctx: OperationContext): string | null {
  const state = ctx.state.trim().toLowerCase();
  if (op === 'delete') return null;
  // Refund also applies to a captured authorization (captures create paid child transactions).
  if (op === 'refund' && state === 'authorized' && (ctx.capturedMinor ?? 0) > 0) return null;
  if (op === 'void' && (ctx.capturedMinor ?? 0) > 0) return 'void is not available once any capture has occurred';
  if (!ALLOWED[op].includes(state)) return `${op} needs state ${ALLOWED[op].join(' or ')} (the transaction is ${state || 'unknown'})`;
  return null;
}
