import 'server-only';
import { mpesaSettings } from '@/lib/settings/specs/mpesa';
import { defineManifest } from '../manifest';
import { getAccessToken, invalidateAccessToken } from './auth';
import { resolveMpesaConfig } from './config';
import { createMpesaProvider } from './index';

export const mpesaManifest = defineManifest({
  id: 'mpesa',
  displayName: 'M-Pesa',
  flow: 'push',
  country: 'KE',
  currencies: ['KES'],
  receiptLabel: 'M-Pesa receipt',
  notConfigured: 'M-Pesa is not configured (MPESA_* variables)',
  settings: mpesaSettings,
  resolveConfig: resolveMpesaConfig,
  create: createMpesaProvider,
  async testConnection(config) {
    await invalidateAccessToken(config);
    await getAccessToken(config, null);
    return { message: 'Daraja issued an access token: the consumer key and secret are valid', target: config.baseUrl };
  },
});
