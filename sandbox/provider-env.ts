// The one list of how the app is pointed at each simulator: the app's variable names (lib/env.ts,
// lib/providers/*/config.ts), the sandbox base path and the credentials the sandbox accepts.
// The index page renders it and README's table must equal renderReadmeTable() (tests/unit/
// sandbox-env.test.ts checks both, and that the app reads exactly these names).
import type { SandboxProviderId } from './types';

export interface ProviderEnv {
  id: SandboxProviderId;
  name: string;
  /** Appended to the sandbox origin: the provider's base URL as the app's adapter expects it. */
  basePath: string;
  baseUrlVariable: string;
  /** Everything else an explicit configuration needs, with the value the sandbox accepts. */
  credentials: { variable: string; value: string }[];
}

/** `npm run dev` starts the sandbox here (SANDBOX_PORT, default 4010). */
export const DEFAULT_SANDBOX_ORIGIN = 'http://127.0.0.1:4010';

export const PROVIDER_ENV: ProviderEnv[] = [
  {
    id: 'mpesa',
    name: 'M-Pesa (Daraja)',
    basePath: '/mpesa',
    baseUrlVariable: 'MPESA_BASE_URL',
    credentials: [
      { variable: 'MPESA_CONSUMER_KEY', value: 'sandbox-consumer-key' },
      { variable: 'MPESA_CONSUMER_SECRET', value: 'sandbox-consumer-secret' },
      { variable: 'MPESA_SHORTCODE', value: '174379' },
      { variable: 'MPESA_PASSKEY', value: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919' },
      // Not checked by the sandbox: the secret in our own callback path.
      { variable: 'MPESA_CALLBACK_TOKEN', value: 'sandbox-callback-token-0123456789' },
    ],
  },
  {
    id: 'clickpesa',
    name: 'ClickPesa',
    basePath: '/clickpesa/third-parties',
    baseUrlVariable: 'CLICKPESA_BASE_URL',
    credentials: [
      { variable: 'CLICKPESA_CLIENT_ID', value: 'sandbox-client-id' },
      { variable: 'CLICKPESA_API_KEY', value: 'sandbox-api-key' },
    ],
  },
  {
    id: 'omari',
    name: 'Omari',
    basePath: '/omari/vsuite/omari/api/merchant/api/payment',
    baseUrlVariable: 'OMARI_API_BASE_URL',
    credentials: [{ variable: 'OMARI_MERCHANT_KEY', value: 'sandbox-merchant-key' }],
  },
  {
    id: 'qmoney',
    name: 'Qmoney',
    basePath: '/qmoney',
    baseUrlVariable: 'QMONEY_BASE_URL',
    credentials: [
      { variable: 'QMONEY_USERNAME', value: 'sandbox-merchant' },
      { variable: 'QMONEY_PASSWORD', value: 'sandbox-password' },
      { variable: 'QMONEY_BASIC_TOKEN', value: 'c2FuZGJveC1xbW9uZXk=' },
      // Not checked by the sandbox (it checks login only), but the app needs them set.
      { variable: 'QMONEY_MERCHANT_ACCOUNT', value: '2207999999' },
      { variable: 'QMONEY_PIN', value: '1234' },
      { variable: 'QMONEY_PRODUCT_ID', value: 'MALIPO_GETMONEY' },
    ],
  },
  {
    id: 'ottu',
    name: 'Ottu (cards)',
    basePath: '/ottu',
    baseUrlVariable: 'OTTU_BASE_URL',
    credentials: [
      { variable: 'OTTU_API_KEY', value: 'sandbox-ottu-api-key' },
      { variable: 'OTTU_WEBHOOK_KEY', value: 'sandbox-ottu-webhook-key' },
      { variable: 'OTTU_PG_CODES', value: 'mpgs,kpay,mpgs-auth' },
    ],
  },
];

export const README_TABLE_START = '<!-- sandbox-env:start (generated from sandbox/provider-env.ts; tests/unit/sandbox-env.test.ts checks it) -->';
export const README_TABLE_END = '<!-- sandbox-env:end -->';

/** The Markdown table README.md carries between the markers above. */
export function renderReadmeTable(origin: string = DEFAULT_SANDBOX_ORIGIN): string {
  const rows = PROVIDER_ENV.map((p) => {
    const credentials = p.credentials.map((c) => `\`${c.variable}=${c.value}\``).join(', ');
    return `| ${p.name} | \`${p.baseUrlVariable}=${origin}${p.basePath}\` | ${credentials} |`;
  });
  return ['| Provider | Base URL | With these credentials |', '|---|---|---|', ...rows].join('\n');
}
