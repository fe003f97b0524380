// Sandbox options: defaults, plus the environment overrides read by main.ts. Tests pass options
// to startSandbox directly and never depend on the environment.
import { CLICKPESA_ENV_OPTIONS } from './clickpesa/config';
import { OMARI_ENV_OPTIONS } from './omari/config';
import { OTTU_ENV_OPTIONS } from './ottu/config';
import { QMONEY_ENV_OPTIONS } from './qmoney/config';
import type { SandboxOptions } from './types';

export const DEFAULT_OPTIONS: SandboxOptions = {
  outcomeDelayMs: 2000,
  promptTimeoutMs: 60_000,
  slowMs: 5000,
};

type Kind = 'int' | 'string' | 'bool';

/** Environment variable → option name. Simulators add their own rows here. */
/** `values` limits a string option to a fixed set, refused by name at start otherwise. */
const ENV_OPTIONS: Record<string, { option: string; kind: Kind; values?: readonly string[] }> = {
  SANDBOX_OUTCOME_DELAY_MS: { option: 'outcomeDelayMs', kind: 'int' },
  SANDBOX_PROMPT_TIMEOUT_MS: { option: 'promptTimeoutMs', kind: 'int' },
  SANDBOX_SLOW_MS: { option: 'slowMs', kind: 'int' },
  SANDBOX_MPESA_CONSUMER_KEY: { option: 'mpesaConsumerKey', kind: 'string' },
  SANDBOX_MPESA_CONSUMER_SECRET: { option: 'mpesaConsumerSecret', kind: 'string' },
  SANDBOX_MPESA_SHORTCODE: { option: 'mpesaShortcode', kind: 'string' },
  SANDBOX_MPESA_PASSKEY: { option: 'mpesaPasskey', kind: 'string' },
  SANDBOX_MPESA_TOKEN_TTL_SECONDS: { option: 'mpesaTokenTtlSeconds', kind: 'int' },
  SANDBOX_MPESA_DUPLICATE_COUNT: { option: 'mpesaDuplicateCount', kind: 'int' },
  SANDBOX_MPESA_INVALIDATE_PREVIOUS_TOKEN: { option: 'mpesaInvalidatePreviousToken', kind: 'bool' },
  SANDBOX_MPESA_C2B_VALIDATION: { option: 'mpesaC2bValidation', kind: 'bool' },
  ...CLICKPESA_ENV_OPTIONS,
  ...OMARI_ENV_OPTIONS,
  ...QMONEY_ENV_OPTIONS,
  ...OTTU_ENV_OPTIONS,
};

function parse(name: string, raw: string, kind: Kind, values?: readonly string[]): unknown {
  if (kind === 'string') {
    if (values && !values.includes(raw)) throw new Error(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
    return raw;
  }
  if (kind === 'bool') {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new Error(`${name} must be true/false (got "${raw}")`);
  }
  if (!/^\d{1,9}$/.test(raw)) throw new Error(`${name} must be a whole number ≥ 0 (got "${raw}")`);
  return Number(raw);
}

/** Reads the SANDBOX_* overrides; throws one clear error per bad value, at start. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): Partial<SandboxOptions> {
  const options: Record<string, unknown> = {};
  for (const [name, { option, kind, values }] of Object.entries(ENV_OPTIONS)) {
    const raw = env[name]?.trim();
    if (raw) options[option] = parse(name, raw, kind, values);
  }
  return options as Partial<SandboxOptions>;
}

/** Reads an optional simulator option, falling back when it is absent or of the wrong type. */
export function intOption(options: SandboxOptions, name: string, fallback: number): number {
  const v = options[name];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

export function stringOption(options: SandboxOptions, name: string, fallback: string): string {
  const v = options[name];
  return typeof v === 'string' && v !== '' ? v : fallback;
}

export function boolOption(options: SandboxOptions, name: string, fallback: boolean): boolean {
  const v = options[name];
  return typeof v === 'boolean' ? v : fallback;
}
