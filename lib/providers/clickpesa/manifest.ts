import 'server-only';
import { clickpesaSettings } from '@/lib/settings/specs/clickpesa';
import { defineManifest } from '../manifest';
import { getClickPesaToken, invalidateClickPesaToken } from './auth';
import { resolveClickPesaConfig } from './config';
import { createClickPesaProvider } from './index';

export const clickpesaManifest = defineManifest({
  id: 'clickpesa',
  displayName: 'ClickPesa',
  flow: 'push',
  country: 'TZ',
  currencies: ['TZS'],
  receiptLabel: 'Payment reference',
  notConfigured: 'ClickPesa is not configured (CLICKPESA_* variables)',
  settings: clickpesaSettings,
  resolveConfig: resolveClickPesaConfig,
  create: createClickPesaProvider,
  async testConnection(config) {
    await invalidateClickPesaToken(config);
    await getClickPesaToken(config, null);
    return { message: 'ClickPesa issued a token: the client ID and API key are valid', target: config.baseUrl };
  },
});
