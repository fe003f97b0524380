import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { bookTour, payWithMpesa } from './support';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a shopper completes an M-Pesa payment with no JavaScript at all', async ({ page }) => {
    await bookTour(page, 'Nairobi National Park, half day');
    await payWithMpesa(page, '0700000000');
    await expect(page.getByText('Check your phone')).toBeVisible();
    // The status page refreshes itself (meta refresh in <noscript>) until the payment is final.
    await page.waitForURL(/\/receipt\//, { timeout: 30_000 });
    await expect(page.getByTestId('receipt-number')).toHaveText(/^[A-Z][A-Z0-9]{9}$/);
  });
});

/** gzip size of every script a page loads, by URL. */
async function scriptsOf(page: Page, path: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const listener = (response: import('@playwright/test').Response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(response.body().then((body) => void sizes.set(new URL(response.url()).pathname, gzipSync(body).length)));
  };
  page.on('response', listener);
  await page.goto(path, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  page.off('response', listener);
  return sizes;
}

const KB = 1024;

test('checkout and payment pages add at most 20 KB gz of JavaScript over the framework', async ({ page, browser }) => {
  await bookTour(page, 'Amboseli day trip');
  // The whole URL the app gave: its ?key= is the shopper's capability (issue 9 §2).
  const pathOf = (url: URL) => url.pathname + url.search;
  const checkoutPath = pathOf(new URL(page.url()));
  // Baseline: a page of ours with no client components (the storefront) ships only the framework's scripts.
  const fresh = async (path: string) => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const sizes = await scriptsOf(p, path);
    await context.close();
    return sizes;
  };
  const framework = await fresh('/');
  const checkout = await fresh(checkoutPath);
  await payWithMpesa(page, '0700000003');
  const pay = await fresh(pathOf(new URL(page.url())));
  const extra = (sizes: Map<string, number>) => [...sizes].filter(([url]) => !framework.has(url)).reduce((sum, [, size]) => sum + size, 0);
  const frameworkTotal = [...framework.values()].reduce((a, b) => a + b, 0);
  console.log(`framework ${(frameworkTotal / KB).toFixed(1)} KB gz; checkout adds ${(extra(checkout) / KB).toFixed(1)} KB gz; payment page adds ${(extra(pay) / KB).toFixed(1)} KB gz`);
  expect(frameworkTotal).toBeGreaterThan(10 * KB); // sanity: the measurement saw the framework
  expect(extra(checkout)).toBeLessThanOrEqual(20 * KB);
  expect(extra(pay)).toBeLessThanOrEqual(20 * KB);
});
