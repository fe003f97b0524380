import { expect, test, type Page } from '@playwright/test';
import { SANDBOX_URL, bookTour } from './support';

/** The newest OTP texted to the phone after `since`, from the sandbox SMS inbox. */
async function otpFor(msisdn: string, since: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${SANDBOX_URL}/_sandbox/sms?msisdn=${msisdn}`);
    const { messages } = (await res.json()) as { messages: { otp?: string; sentAt: number }[] };
    const otp = messages.find((m) => m.otp && m.sentAt >= since)?.otp;
    if (otp) return otp;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no OTP for ${msisdn}`);
}

async function pay(page: Page, method: string, phone: string, amount?: RegExp): Promise<number> {
  await page.getByRole('radio', { name: method }).check();
  if (amount) await page.getByRole('radio', { name: amount }).check();
  await page.getByLabel('Phone number').fill(phone);
  const sentAfter = Date.now() - 1000;
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(/\/pay\//);
  await expect(page.getByRole('dialog')).toContainText('Enter the code');
  return sentAfter;
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Confirm payment' }).click();
}

test('Omari: a 20% deposit, then the balance; the booking gets its group reference', async ({ page }) => {
  await bookTour(page, 'Victoria Falls and Zambezi sunset');
  const since = await pay(page, 'Omari', '0771 234 501', /Deposit · USD 70\.00/);
  const otpReference = await page.getByTestId('otp-reference').textContent();
  expect(otpReference).toMatch(/^[A-Z]{4}$/);
  const input = page.getByLabel('6-digit code');
  await expect(input).toHaveAttribute('inputmode', 'numeric');
  await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByRole('dialog')).toContainText(/Expires in \d+:\d\d/);
  const otp = await otpFor('263771234501', since);
  // Pasted with a space, as SMS apps often copy it.
  await input.fill(`${otp.slice(0, 3)} ${otp.slice(3)}`);
  await expect(input).toHaveValue(otp);
  await page.getByRole('button', { name: 'Confirm payment' }).click();
  await page.waitForURL(/\/receipt\//);
  await expect(page.getByTestId('receipt-number')).toHaveText(/^[A-Z0-9]{26}$/);
  await expect(page.getByText('deposit paid', { exact: true })).toBeVisible();
  await expect(page.getByText(/^BK-T\d{3}-20270210$/)).toBeVisible();

  await page.getByRole('link', { name: 'Back to the order' }).click();
  await page.getByRole('link', { name: 'Pay the balance' }).click();
  await page.waitForURL(/\/checkout\//);
  const again = await pay(page, 'Omari', '0771234501');
  await expect(page.getByRole('dialog')).toContainText('USD 280.00');
  await enterCode(page, await otpFor('263771234501', again));
  await page.waitForURL(/\/receipt\//);
  await expect(page.getByText('paid', { exact: true })).toBeVisible();
  await expect(page.getByText(/^BK-T\d{3}-20270210$/)).toBeVisible();
});

test('Qmoney: a wrong code says how many tries remain, then the right code pays', async ({ page }) => {
  await bookTour(page, 'Gambia River birding');
  const since = await pay(page, 'Qmoney', '720 0001');
  const otp = await otpFor('2207200001', since);
  await enterCode(page, otp === '000000' ? '111111' : '000000');
  await expect(page.locator('#otp-error')).toHaveText('That code is wrong. 4 tries left.');
  await expect(page.getByLabel('6-digit code')).toHaveAttribute('aria-invalid', 'true');
  await enterCode(page, otp);
  await page.waitForURL(/\/receipt\//);
  await expect(page.getByTestId('receipt-number')).toHaveText(/^txn_\d{20}$/);
});

test('after the fifth wrong code the page shows the stopped payment at once, not an older poll', async ({ page }) => {
  await bookTour(page, 'Gambia River birding');
  const since = await pay(page, 'Qmoney', '720 0005');
  // One status poll has answered: the sheet holds a polled copy of the code step.
  await page.waitForResponse((r) => r.url().includes('/api/checkout/payments/'));
  // From now on polls answer late, so what the sheet shows next can only come from the page's render.
  await page.route('**/api/checkout/payments/**', async (route) => {
    await new Promise((r) => setTimeout(r, 8000));
    await route.continue().catch(() => {});
  });
  const otp = await otpFor('2207200005', since);
  // Five different wrong codes: the same wrong code again costs no try.
  const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].filter((c) => c !== otp);
  for (const [i, left] of ['4 tries', '3 tries', '2 tries', '1 try'].entries()) {
    await enterCode(page, wrong[i]!);
    await expect(page.locator('#otp-error')).toHaveText(`That code is wrong. ${left} left.`);
  }
  await enterCode(page, wrong[4]!);
  await expect(page.getByRole('dialog')).toContainText('The code was wrong too many times', { timeout: 1500 });
});

test('Resend code: a new code each time, until the limit for the phone is shown', async ({ page }) => {
  await bookTour(page, 'Gambia River birding');
  await pay(page, 'Qmoney', '720 0002');
  await expect(page.getByText('2 more codes available')).toBeVisible();
  const first = page.url();
  await page.getByRole('button', { name: 'Resend code' }).click();
  await page.waitForURL((url) => url.href !== first);
  await expect(page.getByText('1 more code available')).toBeVisible();
  const second = page.url();
  await page.getByRole('button', { name: 'Resend code' }).click();
  await page.waitForURL((url) => url.href !== second);
  await expect(page.getByRole('dialog')).toContainText(/No more codes for now: you can ask again in \d+ min/);
  await expect(page.getByRole('button', { name: 'Resend code' })).toBeDisabled();
  // The latest code still works.
  const sms = await fetch(`${SANDBOX_URL}/_sandbox/sms?msisdn=2207200002`).then((r) => r.json());
  expect(sms.messages).toHaveLength(3);
  await enterCode(page, sms.messages[0].otp);
  await page.waitForURL(/\/receipt\//);
});

test('Cancel on the code step returns to the checkout and nothing is charged', async ({ page }) => {
  await bookTour(page, 'Gambia River birding');
  await pay(page, 'Qmoney', '720 0003');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForURL(/\/checkout\//);
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the code step is plain forms: wrong code, tries left, right code, receipt', async ({ page }) => {
    await bookTour(page, 'Gambia River birding');
    await page.getByRole('radio', { name: 'Qmoney' }).check();
    await page.getByLabel('Phone number').fill('720 0004');
    const since = Date.now() - 1000;
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(page.getByRole('dialog')).toContainText('Enter the code');
    const otp = await otpFor('2207200004', since);
    await enterCode(page, otp === '000000' ? '111111' : '000000');
    await expect(page.locator('#otp-error')).toHaveText('That code is wrong. 4 tries left.');
    await enterCode(page, otp);
    await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
    await expect(page.getByTestId('receipt-number')).toHaveText(/^txn_\d{20}$/);
  });
});
