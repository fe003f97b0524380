import { CLICKPESA_PRODUCTION_URL, CLICKPESA_SANDBOX_DEFAULTS } from '@/lib/providers/clickpesa/config';
import type { ProviderSettingsSpec } from '../types';
import { credential, httpUrl } from './fields';

// Keys as resolveClickPesaConfig reads them from the stored options and secrets.
export const clickpesaSettings: ProviderSettingsSpec = {
  provider: 'clickpesa',
  displayName: 'ClickPesa (Tanzania)',
  fields: [
    { key: 'baseUrl', label: 'API base URL', secret: false, env: 'CLICKPESA_BASE_URL', flag: 'base-url', required: false, schema: httpUrl, help: `Defaults to ${CLICKPESA_PRODUCTION_URL} once a client ID is set` },
    { key: 'clientId', label: 'Client ID', secret: false, env: 'CLICKPESA_CLIENT_ID', flag: 'client-id', required: true, schema: credential, help: 'ClickPesa dashboard → Developers → your application' },
    { key: 'apiKey', label: 'API key', secret: true, env: 'CLICKPESA_API_KEY', flag: 'api-key', required: true, schema: credential },
    {
      key: 'checksumKey',
      label: 'Checksum key',
      secret: true,
      env: 'CLICKPESA_CHECKSUM_KEY',
      flag: 'checksum-key',
      required: false,
      schema: credential,
      help: 'Only when checksum is enabled on the application (then requests are signed and webhooks must be); toggling it revokes tokens upstream',
    },
  ],
  sandboxDefaults: (sandboxUrl) => ({ baseUrl: `${sandboxUrl.replace(/\/$/, '')}/clickpesa/third-parties`, ...CLICKPESA_SANDBOX_DEFAULTS }),
  // As in the config: a client ID alone means the real API, at its public URL.
  realKeys: ['baseUrl', 'clientId'],
  productionDefaults: { baseUrl: CLICKPESA_PRODUCTION_URL },
};
