import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';
import { insertPayment } from '../support/payment-fixtures';
import { makeUser, sessionCookie } from '../support/admin-session';

// The CSV export route through real HTTP. Rows live in a date window of their own (1999) so the
// assertions hold whatever other test files add to the shared run database.
let t: IntegrationApp;
let adminCookie: string;
let viewerCookie: string;
const day = (d: number, h = 12) => new Date(Date.UTC(1999, 2, d, h));
const WINDOW = 'from=1999-03-01&to=1999-03-31';

beforeAll(async () => {
  t = await startIntegrationApp();
  adminCookie = await sessionCookie((await makeUser(t.db, 'admin')).id);
  viewerCookie = await sessionCookie((await makeUser(t.db, 'viewer')).id);
  await insertPayment(t.db, { createdAt: day(1), currency: 'KES', amountMinor: 150_050, msisdn: '254712345678', receipt: 'QKL1EXPORT', orderReference: 'ORD-EXP001' });
  await insertPayment(t.db, { createdAt: day(2), currency: 'KWD', amountMinor: 12_345, status: 'failed', provider: 'ottu', msisdn: '96550000000' });
  await insertPayment(t.db, { createdAt: day(3), currency: 'KES', amountMinor: 100, status: 'success', msisdn: '254722000000', orderReference: 'ORD-EXP003' });
  // A provider message that a spreadsheet would run as a formula, with quotes and a comma.
  const tricky = await insertPayment(t.db, { createdAt: day(4), currency: 'USD', amountMinor: 2_000, status: 'failed', provider: 'omari', msisdn: '263771234567' });
  await t.db.execute(`update payments set failure_message = '=HYPERLINK("http://x","click"), now' where id = '${tricky.id}'` as never);
});
afterAll(async () => t?.close());

async function exportCsv(query: string, cookie?: string) {
  const res = await fetch(`${t.app.url}/api/admin/payments/export?${query}`, { headers: cookie ? { cookie } : {} });
  return { res, text: await res.text() };
}

function parse(text: string): Record<string, string>[] {
  const [header, ...lines] = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

describe('GET /api/admin/payments/export', () => {
  it('refuses anonymous and forged sessions with 401', async () => {
    expect((await exportCsv(WINDOW)).res.status).toBe(401);
    expect((await exportCsv(WINDOW, 'next-auth.session-token=forged')).res.status).toBe(401);
  });

  it('streams the filtered payments as CSV, newest first, amounts per currency', async () => {
    const { res, text } = await exportCsv(WINDOW, adminCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="payments-\d{4}-\d\d-\d\d-\d{6}\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rows = parse(text);
    expect(rows.map((r) => r.created_at)).toEqual([day(4), day(3), day(2), day(1)].map((d) => d.toISOString()));
    expect(rows[3]).toMatchObject({ currency: 'KES', amount: '1500.50', msisdn: '254712345678', receipt: 'QKL1EXPORT', order_reference: 'ORD-EXP001', status: 'success' });
    expect(rows[2]).toMatchObject({ currency: 'KWD', amount: '12.345', provider: 'ottu', status: 'failed' });
    expect(rows[0]?.failure_message).toBe(`'=HYPERLINK("http://x","click"), now`);
  });

  it('applies the same filters as the list', async () => {
    const kes = parse((await exportCsv(`${WINDOW}&currency=KES&status=success`, adminCookie)).text);
    expect(kes.map((r) => r.order_reference)).toEqual(['ORD-EXP003', 'ORD-EXP001']);
    const byPhone = parse((await exportCsv(`${WINDOW}&q=0712 345 678`, adminCookie)).text);
    expect(byPhone.map((r) => r.receipt)).toEqual(['QKL1EXPORT']);
    const none = await exportCsv(`${WINDOW}&provider=qmoney`, adminCookie);
    expect(parse(none.text)).toEqual([]);
    expect(none.text.replace(/^\uFEFF/, '')).toMatch(/^payment_id,created_at,/);
  });

  it('masks phone numbers for viewers', async () => {
    const rows = parse((await exportCsv(`${WINDOW}&currency=KES`, viewerCookie)).text);
    expect(rows.map((r) => r.msisdn)).toEqual(['2547****0000', '2547****5678']);
  });

  it('answers 400 with the field for a malformed filter', async () => {
    const { res, text } = await exportCsv('status=paid-ish', adminCookie);
    expect(res.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ success: false, error: { code: 'validation_error', field: 'status' } });
    expect((await exportCsv('from=2026-02-01&to=2026-01-01', adminCookie)).res.status).toBe(400);
  });
});
