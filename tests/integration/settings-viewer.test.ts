import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { getDb } from '@/lib/server/database';
import { providerSettingsView } from '@/lib/settings/view';

const PASSKEY = 'pk-live-passkey-0123456789';

beforeAll(() => {
  process.env.MPESA_PASSKEY = PASSKEY;
  resetEnvCache();
});
afterAll(() => {
  delete process.env.MPESA_PASSKEY;
  resetEnvCache();
});

describe('secrets on the settings pages', () => {
  it('viewers see "set" only, never the last characters', async () => {
    const view = await providerSettingsView(await getDb(), 'mpesa', 'viewer');
    const passkey = view?.fields.find((f) => f.key === 'passkey');
    expect(passkey?.display).toBe('set');
    for (const f of view?.fields.filter((x) => x.secret) ?? []) expect(f.display === null || f.display === 'set').toBe(true);
  });

  it('admins see the mask with the last 4 characters to recognise a secret', async () => {
    const view = await providerSettingsView(await getDb(), 'mpesa', 'admin');
    expect(view?.fields.find((f) => f.key === 'passkey')?.display).toBe(`••••••${PASSKEY.slice(-4)}`);
  });
});
