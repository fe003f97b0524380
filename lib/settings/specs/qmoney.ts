import { z } from 'zod';
import { QMONEY_SANDBOX_DEFAULTS } from '@/lib/providers/qmoney/config';
import type { ProviderSettingsSpec } from '../types';
import { credential, httpUrl } from './fields';

// Keys as resolveQmoneyConfig reads them from the stored options and secrets.
export const qmoneySettings: ProviderSettingsSpec = {
  provider: 'qmoney',
  displayName: 'Qmoney (The Gambia)',
  fields: [
    { key: 'baseUrl', label: 'API base URL', secret: false, env: 'QMONEY_BASE_URL', flag: 'base-url', required: true, schema: httpUrl, help: 'From QCell, e.g. https://uat-adpelite.qmoney.gm for UAT' },
    { key: 'username', label: 'Login username', secret: false, env: 'QMONEY_USERNAME', flag: 'username', required: true, schema: credential },
    { key: 'password', label: 'Login password', secret: true, env: 'QMONEY_PASSWORD', flag: 'password', required: true, schema: z.string().min(1, 'is required').max(512, 'is too long') },
    {
      key: 'basicToken',
      label: 'Login Basic token',
      secret: true,
      env: 'QMONEY_BASIC_TOKEN',
      flag: 'basic-token',
      required: true,
      schema: credential,
      help: 'The opaque token QCell issues, without the "Basic " prefix',
    },
    {
      key: 'merchantAccount',
      label: 'Merchant wallet',
      secret: false,
      env: 'QMONEY_MERCHANT_ACCOUNT',
      flag: 'merchant-account',
      required: true,
      schema: z.string().trim().regex(/^\d{7,15}$/, 'must be 7-15 digits'),
      help: 'The wallet that receives the money',
    },
    { key: 'pin', label: 'Merchant transaction PIN', secret: true, env: 'QMONEY_PIN', flag: 'pin', required: true, schema: z.string().trim().regex(/^\d{4,12}$/, 'must be 4-12 digits') },
    {
      key: 'productId',
      label: 'Product ID',
      secret: false,
      env: 'QMONEY_PRODUCT_ID',
      flag: 'product-id',
      required: true,
      schema: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "-" or "." (e.g. SHOP_GETMONEY)'),
      help: 'Merchant- and product-specific, issued by QCell',
    },
  ],
  sandboxDefaults: (sandboxUrl) => ({ baseUrl: `${sandboxUrl.replace(/\/$/, '')}/qmoney`, ...QMONEY_SANDBOX_DEFAULTS }),
};
