import { expect, test } from '@playwright/test';
import { bookTour, payWithMpesa } from './support';

test('pays with M-Pesa: check your phone, then the receipt with the M-Pesa receipt number', async ({ page }) => {
  await bookTour(page, 'Nairobi National Park, half day');
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await payWithMpesa(page, '0700 000 000');
  await expect(page.getByRole('dialog')).toContainText('Check your phone');
  await page.waitForURL(/\/receipt\//);
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await expect(page.getByTestId('receipt-number')).toHaveText(/^[A-Z][A-Z0-9]{9}$/);
  await expect(page.getByText('paid', { exact: true })).toBeVisible();
});

test('cancelled on the phone, then Retry sends a new prompt that succeeds', async ({ page }) => {
  await bookTour(page, 'Amboseli day trip');
  await payWithMpesa(page, '0700000012');
  await expect(page.getByRole('dialog')).toContainText('Payment cancelled');
  await expect(page.getByRole('dialog')).toContainText('You cancelled the M-Pesa request');
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.waitForURL(/\/receipt\//);
  await expect(page.getByTestId('receipt-number')).toHaveText(/^[A-Z][A-Z0-9]{9}$/);
});

test('no answer: "I have paid, check again" asks M-Pesa and completes the order', async ({ page }) => {
  await bookTour(page, 'Nairobi National Park, half day');
  await payWithMpesa(page, '0700000005');
  await expect(page.getByRole('dialog')).toContainText('Check your phone');
  await expect(page.getByRole('dialog')).toContainText("We haven't heard back yet", { timeout: 30_000 });
  await page.getByRole('button', { name: 'I have paid, check again' }).click();
  await page.waitForURL(/\/receipt\//);
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
});

test('a flagged attempt (amount mismatch): "haven\'t heard back" offers no second push, only "check again"', async ({ page }) => {
  await bookTour(page, 'Amboseli day trip');
  await payWithMpesa(page, '0700 000 011');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText("We haven't heard back yet", { timeout: 30_000 });
  await expect(dialog).toContainText('Please do not pay again');
  await expect(dialog.getByRole('button', { name: 'I have paid, check again' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Retry|Pay again/ })).toHaveCount(0);
});

test('the phone form validates inline and names the problem', async ({ page }) => {
  await bookTour(page, 'Amboseli day trip');
  const phone = page.getByLabel('Phone number');
  await phone.fill('12345');
  await phone.blur();
  const error = page.locator('#msisdn-error');
  await expect(error).toContainText('valid mobile number');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await phone.fill('0200 123 456');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(error).toContainText('mobile number');
  await expect(page).toHaveURL(/\/checkout\//);
});
