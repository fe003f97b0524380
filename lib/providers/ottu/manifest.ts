import 'server-only';
import { defineManifest } from '../manifest';
import { resolveOttuConfig } from './config';

// Config, client, webhook verification and simulator exist; the card checkout (redirect flow,
// webhook route, return page) is not offered yet, so there is no `create`.
export const ottuManifest = defineManifest({
  id: 'ottu',
  displayName: 'Card (Ottu)',
  flow: 'redirect',
  country: 'KW',
  currencies: ['KWD'],
  receiptLabel: 'Card payment reference',
  notConfigured: 'Ottu is not configured (OTTU_* variables)',
  settings: null,
  resolveConfig: resolveOttuConfig,
});
