import type { Metadata } from 'next';
import Link from 'next/link';
import { LockoutNotice } from '@/components/admin/lockout-notice';
import { SvgChart } from '@/components/admin/svg-chart';
import { formatAmount } from '@/lib/admin/present';
import { kpis, loadOverview, overviewParamsSchema, RANGES, successRateSeries, volumeSeries } from '@/lib/admin/overview';
import { requirePageRole } from '@/lib/auth/guards';
import { listRecentLockouts } from '@/lib/auth/sign-in-guard';
import { CURRENCIES, type Currency } from '@/lib/payments/money';
import { getDb } from '@/lib/server/database';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('viewer', '/admin');
  const raw = await searchParams;
  const { range, currency: askedCurrency } = overviewParamsSchema.parse(raw);
  const db = await getDb();
  const [overview, lockouts] = await Promise.all([loadOverview(db, RANGES[range]), listRecentLockouts(db)]);
  const summary = kpis(overview);
  const currency = askedCurrency ?? summary.collected[0]?.currency ?? 'KES';
  const exponent = CURRENCIES[currency as Currency]?.exponent ?? 2;
  const rate = summary.settled ? `${((100 * summary.succeeded) / summary.settled).toFixed(1)} %` : '—';
  const link = (r: string, c?: string) => `/admin?range=${r}${c ? `&currency=${c}` : ''}`;
  const pill = (active: boolean) => `rounded-md px-2.5 py-1 text-sm ${active ? 'bg-brand-700 text-white' : 'bg-white text-stone-700 hover:bg-stone-50 border border-stone-300'}`;

  return (
    <div className="space-y-5">
      {raw.denied ? (
        <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          That page needs the admin role.
        </p>
      ) : null}
      <LockoutNotice lockouts={lockouts} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Overview</h1>
          <p className="text-sm text-stone-600">
            {overview.days[0]} to {overview.days[overview.days.length - 1]} (UTC)
          </p>
        </div>
        <nav aria-label="Range" className="flex gap-1">
          {Object.keys(RANGES).map((r) => (
            <Link key={r} href={link(r, askedCurrency)} className={pill(r === range)} aria-current={r === range ? 'page' : undefined}>
              {r.replace('d', ' days')}
            </Link>
          ))}
        </nav>
      </div>

      <section className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Key figures">
        <Kpi label="Payments" value={summary.total.toLocaleString('en')} />
        <Kpi label="Success rate (settled)" value={rate} hint={`${summary.succeeded.toLocaleString('en')} of ${summary.settled.toLocaleString('en')}`} />
        {summary.collected.slice(0, 2).map((c) => (
          <Kpi key={c.currency} label={`Collected ${c.currency}`} value={formatAmount(c.minor, c.currency)} />
        ))}
      </section>

      <div className="flex flex-wrap items-center gap-1">
        <span className="mr-1 text-sm text-stone-600">Volume in</span>
        {(summary.collected.length ? summary.collected.map((c) => c.currency) : [currency]).map((c) => (
          <Link key={c} href={link(range, c)} className={pill(c === currency)}>
            {c}
          </Link>
        ))}
      </div>
      <SvgChart
        title={`Daily collected volume, ${currency}, by provider`}
        days={overview.days}
        series={volumeSeries(overview, currency)}
        kind="bars"
        formatY={(v) => compact(v / 10 ** exponent)}
      />
      <SvgChart title="Daily success rate by provider (succeeded ÷ settled)" days={overview.days} series={successRateSeries(overview)} kind="lines" yMax={100} formatY={(v) => `${v.toFixed(0)} %`} />
    </div>
  );
}

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <div className="text-xs font-semibold uppercase tracking-wide text-stone-500">{label}</div>
      <div className="mt-1 text-xl font-semibold tabular-nums">{value}</div>
      {hint ? <div className="text-xs text-stone-500">{hint}</div> : null}
    </div>
  );
}

function compact(value: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
