import { z } from 'zod';
import { MPESA_SANDBOX_DEFAULTS } from '@/lib/providers/mpesa/config';
import type { ProviderSettingsSpec } from '../types';

const text = z.string().trim().min(1, 'is required').max(512, 'is too long');

export const mpesaSettings: ProviderSettingsSpec = {
  provider: 'mpesa',
  displayName: 'M-Pesa (Daraja)',
  fields: [
    { key: 'baseUrl', label: 'API base URL', secret: false, env: 'MPESA_BASE_URL', flag: 'base-url', required: true, schema: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }), help: 'https://api.safaricom.co.ke in production, https://sandbox.safaricom.co.ke for Daraja\'s sandbox' },
    { key: 'shortcode', label: 'Business shortcode', secret: false, env: 'MPESA_SHORTCODE', flag: 'shortcode', required: true, schema: z.string().regex(/^\d{5,7}$/, 'must be a 5-7 digit shortcode') },
    { key: 'partyB', label: 'Till number (Buy Goods)', secret: false, env: 'MPESA_PARTY_B', flag: 'party-b', required: false, schema: z.string().regex(/^\d{5,7}$/, 'must be a 5-7 digit till number'), help: 'Only for CustomerBuyGoodsOnline; defaults to the shortcode' },
    { key: 'consumerKey', label: 'Consumer key', secret: true, env: 'MPESA_CONSUMER_KEY', flag: 'consumer-key', required: true, schema: text },
    { key: 'consumerSecret', label: 'Consumer secret', secret: true, env: 'MPESA_CONSUMER_SECRET', flag: 'consumer-secret', required: true, schema: text },
    { key: 'passkey', label: 'Lipa na M-Pesa passkey', secret: true, env: 'MPESA_PASSKEY', flag: 'passkey', required: true, schema: text },
    { key: 'callbackToken', label: 'Callback URL token', secret: true, env: 'MPESA_CALLBACK_TOKEN', flag: 'callback-token', required: true, schema: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16-128 letters, digits, "-" or "_"'), help: 'Secret path segment of the callback URL Daraja calls' },
  ],
  sandboxDefaults: (sandboxUrl) => ({ baseUrl: `${sandboxUrl.replace(/\/$/, '')}/mpesa`, ...MPESA_SANDBOX_DEFAULTS }),
};
