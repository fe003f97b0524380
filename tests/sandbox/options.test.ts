// The SANDBOX_* environment overrides that `npm run sandbox` reads (sandbox/main.ts imports
// options first, as this file does: the simulators' rows are spread in from their config files).
import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../../sandbox/options';

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe('sandbox options from the environment', () => {
  it('reads SANDBOX_CLICKPESA_SIGNATURE_IN as body or header and refuses anything else by name', () => {
    expect(optionsFromEnv(env({ SANDBOX_CLICKPESA_SIGNATURE_IN: 'header' }))).toMatchObject({ clickpesaSignatureIn: 'header' });
    expect(optionsFromEnv(env({ SANDBOX_CLICKPESA_SIGNATURE_IN: 'body' }))).toMatchObject({ clickpesaSignatureIn: 'body' });
    expect(() => optionsFromEnv(env({ SANDBOX_CLICKPESA_SIGNATURE_IN: 'headers' }))).toThrow(
      'SANDBOX_CLICKPESA_SIGNATURE_IN must be one of body, header (got "headers")',
    );
  });
});
