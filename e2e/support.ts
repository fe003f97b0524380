import type { Page } from '@playwright/test';

export const SANDBOX_URL = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

/** Books the tour with the given visible name from the storefront and lands on its checkout. */
export async function bookTour(page: Page, tourName: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: `Book ${tourName}` }).click();
  await page.waitForURL(/\/checkout\//);
}

export async function payWithMpesa(page: Page, phone: string): Promise<void> {
  await page.getByLabel('Phone number').fill(phone);
  // The button names the amount that will be asked for (issue 8 §5).
  await page.getByRole('button', { name: /^Pay [A-Z]{3} [\d,]+(\.\d+)?$/ }).click();
  await page.waitForURL(/\/pay\//);
}

/** README screenshots are refreshed on demand (UPDATE_SCREENSHOTS=1), never as a side effect of a test run. */
export async function captureForDocs(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}
