import 'server-only';
import { qmoneySettings } from '@/lib/settings/specs/qmoney';
import { defineManifest } from '../manifest';
import { getQmoneyToken, invalidateQmoneyToken } from './auth';
import { resolveQmoneyConfig } from './config';
import { createQmoneyProvider } from './index';

export const qmoneyManifest = defineManifest({
  id: 'qmoney',
  displayName: 'Qmoney',
  flow: 'otp',
  country: 'GM',
  currencies: ['GMD'],
  receiptLabel: 'Transaction id',
  notConfigured: 'Qmoney is not configured (QMONEY_* variables)',
  settings: qmoneySettings,
  resolveConfig: resolveQmoneyConfig,
  create: createQmoneyProvider,
  async testConnection(config) {
    await invalidateQmoneyToken(config);
    await getQmoneyToken(config, null);
    return { message: 'Qmoney accepted the login: the Basic token, username and password are valid', target: config.baseUrl };
  },
});
