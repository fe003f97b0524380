import { expect, test } from '@playwright/test';
import { bookTour, payWithMpesa } from './support';

// The Serengeti tour is priced in TZS, so ClickPesa is the method offered. The sandbox signs
// its webhooks with the checksum key the app is given (scripts/e2e-server.mjs).
const TOUR = 'Serengeti migration, 4 days';

test('pays with ClickPesa (USSD push): check your phone, then the receipt with ClickPesa\'s reference', async ({ page }) => {
  await bookTour(page, TOUR);
  await expect(page.getByRole('radio', { name: 'ClickPesa' })).toBeChecked();
  await payWithMpesa(page, '0700 000 000');
  await expect(page.getByRole('dialog')).toContainText('Check your phone');
  await expect(page.getByRole('dialog')).toContainText('ClickPesa');
  await page.waitForURL(/\/receipt\//);
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await expect(page.getByTestId('receipt-number')).toHaveText(/^[a-z0-9]{18}$/);
  await expect(page.getByText('TZS 2,500,000.00').first()).toBeVisible();
});

test('rejected on the phone: the modal says so in plain words and offers Retry', async ({ page }) => {
  await bookTour(page, TOUR);
  await payWithMpesa(page, '0700000001');
  await expect(page.getByRole('dialog')).toContainText('Payment failed');
  await expect(page.getByRole('dialog')).toContainText('declined on your phone');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Use another number or method' })).toBeVisible();
});

test('insufficient balance is explained, and a number on an unsupported network is refused inline', async ({ page }) => {
  await bookTour(page, TOUR);
  const phone = page.getByLabel('Phone number');
  await phone.fill('0732 123 456');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.locator('#msisdn-error')).toContainText('Halopesa');
  await expect(page).toHaveURL(/\/checkout\//);
  await phone.fill('0700000002');
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(/\/pay\//);
  await expect(page.getByRole('dialog')).toContainText('balance is not enough');
});
