import { OMARI_SANDBOX_DEFAULTS } from '@/lib/providers/omari/config';
import type { ProviderSettingsSpec } from '../types';
import { credential, httpUrl } from './fields';

// Keys as resolveOmariConfig reads them. The channel and the OTP lifetime stay environment-only
// (OMARI_CHANNEL, OMARI_OTP_SECONDS): they are deployment choices, not credentials.
export const omariSettings: ProviderSettingsSpec = {
  provider: 'omari',
  displayName: 'Omari (Zimbabwe)',
  fields: [
    {
      key: 'baseUrl',
      label: 'API base URL',
      secret: false,
      env: 'OMARI_API_BASE_URL',
      flag: 'base-url',
      required: true,
      schema: httpUrl,
      help: 'https://omari.v.co.zw/vsuite/omari/api/merchant/api/payment in production; UAT has /uat before /vsuite',
    },
    { key: 'merchantKey', label: 'Merchant API key', secret: true, env: 'OMARI_MERCHANT_KEY', flag: 'merchant-key', required: true, schema: credential, help: 'Sent as X-Merchant-Key on every call' },
  ],
  sandboxDefaults: (sandboxUrl) => ({ baseUrl: `${sandboxUrl.replace(/\/$/, '')}/omari/vsuite/omari/api/merchant/api/payment`, ...OMARI_SANDBOX_DEFAULTS }),
};
