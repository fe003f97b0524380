#!/usr/bin/env node
// Takes the README's screenshots of the shopper pages from a running app (e.g. `npm run dev`,
// or scripts/e2e-server.mjs): BASE_URL=http://127.0.0.1:3000 node scripts/screenshots.mjs
import { chromium, devices } from '@playwright/test';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ ...devices['Pixel 5'] });
await page.goto(`${base}/`);
await page.screenshot({ path: 'docs/screenshots/storefront.png' });
await page.getByRole('button', { name: 'Book Maasai Mara, 3 days' }).click();
await page.waitForURL(/\/checkout\//);
await page.getByLabel('Phone number').fill('0712 345 678');
await page.screenshot({ path: 'docs/screenshots/checkout.png', fullPage: true });
await page.getByRole('button', { name: 'Pay' }).click();
await page.waitForURL(/\/pay\//);
await page.getByRole('dialog').waitFor();
await page.waitForTimeout(1500);
await page.screenshot({ path: 'docs/screenshots/payment-modal.png' });
await browser.close();
console.log('screenshots written to docs/screenshots/');
