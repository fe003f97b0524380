import { afterEach, describe, expect, it, vi } from 'vitest';
import { logError, logWarn } from '@/lib/server/log';

afterEach(() => vi.restoreAllMocks());

function captured(method: 'error' | 'warn', run: () => void): string {
  const lines: unknown[][] = [];
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args));
  run();
  return lines.flat().map(String).join(' ');
}

describe('the app log masks phone numbers as the event log view does', () => {
  it('a failed insert quoting its parameters shows 2547****5678, never the number', () => {
    const error = new Error('Failed query: insert into "payments" ("msisdn") values ($1)\nparams: 254712345678,+255712345679');
    const line = captured('error', () => logError('[malipo] could not record "x" for pay_1:', error));
    expect(line).not.toContain('254712345678');
    expect(line).not.toContain('255712345679');
    expect(line).toContain('2547****5678');
  });

  it('prints the message, never the error object and its fields', () => {
    const error = Object.assign(new Error('boom'), { params: ['254712345678'] });
    expect(captured('error', () => logError('[admin] action failed', error))).not.toContain('254712345678');
  });

  it('warnings too', () => {
    expect(captured('warn', () => logWarn('delivery to 254712345678 failed'))).not.toContain('254712345678');
  });
});
