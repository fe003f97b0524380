import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { captureForDocs } from './support';

// The back office on a laptop: sign in, filter, open a payment and its timeline, export, sign out.
test.use({ viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

const API_KEY = 'e2e-bootstrap-key-0123456789';
const ADMIN = { email: 'admin@malipo.test', password: 'malipo-admin-demo' };
const VIEWER = { email: 'viewer@malipo.test', password: 'malipo-viewer-demo' };
const today = new Date().toISOString().slice(0, 10);

async function pay(request: APIRequestContext, msisdn: string, amount: string): Promise<string> {
  const res = await request.post('/api/v1/payments', { headers: { authorization: `Bearer ${API_KEY}` }, data: { provider: 'mpesa', amount, currency: 'KES', msisdn } });
  expect(res.status()).toBe(201);
  const id = (await res.json()).data.id as string;
  await expect
    .poll(async () => (await (await request.get(`/api/v1/payments/${id}`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()).data.status, { timeout: 30_000 })
    .not.toMatch(/^(pending|processing)$/);
  return id;
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

let paid: string;
let failed: string;

test.beforeAll(async ({ request }) => {
  paid = await pay(request, '254700000000', '1500');
  failed = await pay(request, '254700000001', '99');
});

test('anonymous visitors are sent to sign-in from every admin page', async ({ page }) => {
  for (const path of ['/admin', '/admin/transactions?status=success', '/admin/attention', `/admin/transactions/${paid}`, '/admin/settings', '/admin/settings/mpesa', '/admin/settings/omari', '/admin/api-keys']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/sign-in\?callbackUrl=/);
  }
  const csv = await page.request.get('/api/admin/payments/export');
  expect(csv.status()).toBe(401);
  // A real redirect from the proxy, not a 200 that streams one (issue 9 §3).
  const bare = await page.request.get('/admin', { maxRedirects: 0 });
  expect(bare.status()).toBeGreaterThanOrEqual(300);
  expect(bare.status()).toBeLessThan(400);
  expect(bare.headers().location).toContain('/admin/sign-in?callbackUrl=%2Fadmin');
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/admin/sign-in');
  await signIn(page, { email: ADMIN.email, password: 'not the password' });
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email' })).toHaveText('Wrong email or password.');
});

test('admin: sign in, filter, open a payment and its timeline, export CSV, sign out', async ({ page }) => {
  await page.goto('/admin/transactions');
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/admin\/transactions$/);
  await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
  await expect(page.getByRole('link', { name: paid })).toBeVisible();
  await expect(page.getByRole('link', { name: failed })).toBeVisible();

  // Every filter lands in the URL; the server re-renders the list from it.
  await page.getByLabel('Status').selectOption('success');
  await expect(page).toHaveURL(/status=success/);
  await page.getByLabel('Currency').selectOption('KES');
  await expect(page).toHaveURL(/currency=KES/);
  await page.getByLabel('From', { exact: true }).fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}`));
  await page.getByLabel('To', { exact: true }).fill(today);
  await expect(page).toHaveURL(new RegExp(`to=${today}`));
  await expect(page.getByRole('link', { name: paid })).toBeVisible();
  await expect(page.getByRole('link', { name: failed })).toHaveCount(0);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: paid }) });
  await expect(row).toContainText('KES 1,500.00');
  await expect(row).toContainText('254700000000');
  await expect(page.getByRole('region', { name: 'Totals for this filter' })).toContainText('KES 1,500.00');
  await captureForDocs(page, 'admin-transactions');

  // Shareable: the same URL in a fresh load shows the same filtered list.
  const filteredUrl = page.url();
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('success');
  await expect(page.getByRole('link', { name: failed })).toHaveCount(0);

  // Search by phone in local form.
  await page.getByLabel('Search').fill('0700 000 001');
  await page.getByLabel('Status').selectOption('');
  await expect(page).toHaveURL(/q=0700/);
  await expect(page.getByRole('link', { name: failed })).toBeVisible();
  await expect(page.getByRole('link', { name: paid })).toHaveCount(0);

  // CSV of the current filter.
  await page.goto(filteredUrl);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^payments-.*\.csv$/);
  const csv = (await readFile((await download.path()) ?? '', 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^payment_id,created_at,/);
  expect(lines.slice(1).every((l) => l.includes(',success,KES,'))).toBe(true);
  expect(csv).toContain(`${paid},`);
  expect(csv).toContain(',1500.00,');
  expect(csv).not.toContain(failed);

  // The payment, its order and the timeline of what was said to and by M-Pesa.
  await page.getByRole('link', { name: paid }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/transactions/${paid}$`));
  await expect(page.getByRole('heading', { name: paid })).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Event timeline' });
  await expect(timeline).toContainText('request');
  await expect(timeline).toContainText('webhook');
  await expect(timeline).toContainText('status change');
  await timeline.getByText('Payload (redacted)').first().click();
  await expect(timeline.locator('pre').first()).toBeVisible();
  await expect(page.locator('body')).not.toContainText('bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919');
  await captureForDocs(page, 'admin-payment');

  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Daily success rate/ })).toBeVisible();
  await captureForDocs(page, 'admin-overview');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await page.goto('/admin/transactions');
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});

test('admin: test the M-Pesa connection, create and revoke an API key', async ({ page }) => {
  await page.goto('/admin/settings/mpesa');
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'M-Pesa (Daraja)' })).toBeVisible();
  await expect(page.getByTestId('value-consumerSecret')).toHaveText('••••••cret');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'access token' })).toBeVisible();
  await captureForDocs(page, 'admin-settings');

  await page.goto('/admin/api-keys');
  // A merchant key sees only its own payments: the seeded one is another's, so a 404.
  await page.getByLabel('Name').fill('E2E shop key');
  await page.getByRole('button', { name: 'Create key' }).click();
  const merchantKey = await page.getByTestId('new-api-key').textContent();
  const hidden = await page.request.get(`/api/v1/payments/${paid}`, { headers: { authorization: `Bearer ${merchantKey}` } });
  expect(hidden.status()).toBe(404);
  await page.goto('/admin/api-keys');
  await page.getByLabel('Name').fill('E2E booking system');
  await page.getByLabel(/Admin key/).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByTestId('new-api-key').textContent();
  expect(key).toMatch(/^mlp_live_/);
  const usable = await page.request.get(`/api/v1/payments/${paid}`, { headers: { authorization: `Bearer ${key}` } });
  expect(usable.status()).toBe(200);
  await page.reload();
  await expect(page.locator('body')).not.toContainText(key ?? 'never');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('row').filter({ hasText: 'E2E booking system' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'E2E booking system' })).toContainText('revoked');
  const refused = await page.request.get(`/api/v1/payments/${paid}`, { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});

test('admin: ClickPesa, Omari and Qmoney settings render, save and pass the connection test', async ({ page }) => {
  await page.goto('/admin/settings');
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/admin\/settings$/);
  // Saving with every input blank stores nothing: the sandbox defaults stay in effect for the
  // other specs sharing this server.
  for (const [id, name, secret] of [
    ['clickpesa', 'ClickPesa (Tanzania)', 'apiKey'],
    ['omari', 'Omari (Zimbabwe)', 'merchantKey'],
    ['qmoney', 'Qmoney (The Gambia)', 'password'],
  ] as const) {
    await page.goto('/admin/settings');
    await page.getByRole('listitem').filter({ hasText: name }).getByRole('link', { name: 'Settings →' }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/settings/${id}$`));
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByTestId(`value-${secret}`)).toHaveText(/^••••••/);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: '✓' })).toBeVisible();
  }
  await page.getByLabel('Merchant wallet').fill('12');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Merchant wallet must be 7-15 digits' })).toBeVisible();
  await expect(page.getByTestId('value-merchantAccount')).toHaveText('2207999999');
});

test('viewer: phone numbers masked, no settings form, no key creation', async ({ page }) => {
  await page.goto('/admin/sign-in');
  await signIn(page, VIEWER);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/transactions');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: paid }) });
  await expect(row).toContainText('2547****0000');
  await expect(page.locator('body')).not.toContainText('254700000000');
  await page.goto(`/admin/transactions/${paid}`);
  await expect(page.getByRole('list', { name: 'Event timeline' })).toContainText('2547****0000');
  await page.getByText('Payload (redacted)').first().click();
  await expect(page.locator('body')).not.toContainText('254700000000');
  await page.goto('/admin/settings/mpesa');
  await expect(page.getByText('Viewers can see the configuration; an admin can change it.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Test connection' })).toHaveCount(0);
  await page.goto('/admin/api-keys');
  await expect(page.getByRole('button', { name: 'Create key' })).toHaveCount(0);
  const csv = await page.request.get('/api/admin/payments/export?currency=KES');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('2547****0000');
});
