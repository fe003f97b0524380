import 'server-only';
import { randomUUID } from 'node:crypto';
import { omariSettings } from '@/lib/settings/specs/omari';
import { defineManifest } from '../manifest';
import { ProviderRejectedError } from '../types';
import { omariQuery } from './client';
import { resolveOmariConfig } from './config';
import { createOmariProvider } from './index';
import { OMARI_NOT_FOUND } from './query-outcome';

export const omariManifest = defineManifest({
  id: 'omari',
  displayName: 'Omari',
  flow: 'otp',
  country: 'ZW',
  currencies: ['USD', 'ZWG'],
  receiptLabel: 'Payment reference',
  notConfigured: 'Omari is not configured (OMARI_* variables)',
  settings: omariSettings,
  resolveConfig: resolveOmariConfig,
  create: createOmariProvider,
  async testConnection(config) {
    // No token endpoint: Omari checks the merchant key on every call. A status query for a
    // reference that cannot exist changes nothing, and "not found" means the key got past the
    // check (a refused key throws: 401 / "003"; 5xx or no answer: unavailable).
    const answer = await omariQuery(config, randomUUID(), null);
    if (!answer.ok && answer.code !== OMARI_NOT_FOUND) {
      throw new ProviderRejectedError(answer.code, `Omari answered a status query with ${answer.code} (${answer.message}), not 025 "not found": the merchant key cannot be confirmed`);
    }
    return { message: 'Omari accepted the merchant key (a status query for an unknown reference answered "not found")', target: config.baseUrl };
  },
});
