// Charts drawn on the server as plain SVG: no chart library in the bundle, nothing to hydrate,
// readable without JavaScript. Stacked bars for amounts, lines for rates.
import type { Series } from '@/lib/admin/overview';

const COLORS = ['#047857', '#2563eb', '#d97706', '#7c3aed', '#db2777', '#0891b2'];
const W = 760;
const H = 240;
const PAD = { top: 12, right: 12, bottom: 28, left: 64 };

interface Props {
  title: string;
  days: string[];
  series: Series[];
  kind: 'bars' | 'lines';
  formatY: (value: number) => string;
  /** Fixed top of the axis (100 for percentages); otherwise from the data. */
  yMax?: number;
}

export function SvgChart({ title, days, series, kind, formatY, yMax }: Props) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const stackTotals = days.map((_, i) => series.reduce((s, x) => s + (x.points[i] ?? 0), 0));
  const dataMax = kind === 'bars' ? Math.max(0, ...stackTotals) : Math.max(0, ...series.flatMap((s) => s.points.map((p) => p ?? 0)));
  const top = yMax ?? niceCeil(dataMax);
  const x = (i: number) => PAD.left + (days.length <= 1 ? plotW / 2 : (i * plotW) / (days.length - 1));
  const slot = plotW / Math.max(days.length, 1);
  const y = (v: number) => PAD.top + plotH - (top === 0 ? 0 : (v / top) * plotH);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));

  return (
    <figure className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <span className="font-semibold">{title}</span>
        <span className="flex flex-wrap gap-3 text-xs">
          {series.map((s, i) => (
            <span key={s.name} className="inline-flex items-center gap-1">
              <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" />
              {s.name}
            </span>
          ))}
        </span>
      </figcaption>
      {series.length === 0 ? (
        <p className="py-16 text-center text-sm text-stone-500">No data in this range.</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={title}>
          <title>{title}</title>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e7e5e4" />
              <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#78716c">
                {formatY(t)}
              </text>
            </g>
          ))}
          {days.map((d, i) =>
            i % labelEvery === 0 ? (
              <text key={d} x={kind === 'bars' ? PAD.left + slot * (i + 0.5) : x(i)} y={H - 8} textAnchor="middle" fontSize="11" fill="#78716c">
                {d.slice(5)}
              </text>
            ) : null,
          )}
          {kind === 'bars' ? <Bars days={days} series={series} slot={slot} y={y} /> : <Lines series={series} x={x} y={y} />}
        </svg>
      )}
    </figure>
  );
}

function Bars({ days, series, slot, y }: { days: string[]; series: Series[]; slot: number; y: (v: number) => number }) {
  const width = Math.max(1, slot * 0.7);
  return (
    <g>
      {days.map((d, i) => {
        let base = 0;
        return (
          <g key={d}>
            {series.map((s, si) => {
              const v = s.points[i] ?? 0;
              if (v <= 0) return null;
              const rect = <rect key={s.name} x={PAD.left + slot * i + (slot - width) / 2} y={y(base + v)} width={width} height={y(base) - y(base + v)} fill={COLORS[si % COLORS.length]} />;
              base += v;
              return rect;
            })}
          </g>
        );
      })}
    </g>
  );
}

function Lines({ series, x, y }: { series: Series[]; x: (i: number) => number; y: (v: number) => number }) {
  return (
    <g fill="none" strokeWidth="2" strokeLinejoin="round">
      {series.map((s, si) => {
        // A day with nothing settled breaks the line rather than pretending to be 0 %.
        const segments: string[] = [];
        let current = '';
        s.points.forEach((p, i) => {
          if (p === null) {
            if (current) segments.push(current);
            current = '';
          } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p).toFixed(1)}`;
        });
        if (current) segments.push(current);
        return (
          <g key={s.name} stroke={COLORS[si % COLORS.length]}>
            {segments.map((d) => (d.includes('L') ? <path key={d} d={d} /> : <circle key={d} cx={d.slice(1).split(',')[0]} cy={d.split(',')[1]} r="2.5" fill={COLORS[si % COLORS.length]} />))}
          </g>
        );
      })}
    </g>
  );
}

/** 1, 2, 2.5, 5 × 10ⁿ: axis tops people can read. */
function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
