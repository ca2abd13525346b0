import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Run } from './report';
import { median } from './stats';

/**
 * npm run bench:chart -- --title "…" --out docs/performance-sweep-x.svg a.json b.json c.json
 * Draws sweeps (BENCH_MODE=sweep BENCH_JSON=…) as an SVG: orders/s and create
 * p99 against concurrency, Orderly beside the bare ceiling, each point the
 * median over the files given (one per sweep). Prints the same medians as a
 * Markdown table for docs/performance.md.
 */
interface Point {
  c: number;
  orderlyOps: number;
  bareOps: number;
  ratio: number;
  createP99: number;
  bareCreateP99: number;
  confirmP99: number;
  bareConfirmP99: number;
  /** MariaDB/MySQL deadlocks during Orderly's part; NaN on SQLite */
  deadlocks: number;
  cpu: Record<string, number>;
}

function medians(files: string[]): Point[] {
  const sweeps = files.map((f) => (JSON.parse(fs.readFileSync(f, 'utf8')) as { runs: Run[] }).runs.filter((r) => r.mode === 'sweep'));
  const concurrencies = [...new Set(sweeps.flat().map((r) => r.concurrency!))].sort((a, b) => a - b);
  return concurrencies.map((c) => {
    const runs = sweeps.flatMap((s) => s.filter((r) => r.concurrency === c));
    const m = (f: (r: Run) => number) => median(runs.map(f));
    const roles = [...new Set(runs.flatMap((r) => [...Object.keys(r.orderly.cpuMsPerOrder), ...Object.keys(r.bare.cpuMsPerOrder).map((k) => `bare_${k}`)]))];
    const cpuOf = (r: Run, role: string) => (role.startsWith('bare_') ? r.bare.cpuMsPerOrder[role.slice(5)] : r.orderly.cpuMsPerOrder[role]);
    return {
      c,
      orderlyOps: m((r) => r.orderly.ops),
      bareOps: m((r) => r.bare.ops),
      ratio: m((r) => r.orderly.ops / r.bare.ops),
      createP99: m((r) => r.orderly.create.p99),
      bareCreateP99: m((r) => r.bare.create.p99),
      confirmP99: m((r) => r.orderly.confirm.p99),
      bareConfirmP99: m((r) => r.bare.confirm.p99),
      deadlocks: m((r) => r.orderly.deadlocks ?? NaN),
      cpu: Object.fromEntries(roles.map((role) => [role, m((r) => cpuOf(r, role))])),
    };
  });
}

const W = 460;
const H = 300;
const M = { left: 56, right: 16, top: 36, bottom: 44 };
const COLORS = { orderly: '#1f6fb4', bare: '#d9822b' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Round up to 1, 2 or 5 times a power of ten. */
function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((k) => k * p).find((n) => n >= v)!;
}

interface Series {
  name: string;
  color: string;
  dashed: boolean;
  values: number[];
}

function panel(x0: number, title: string, yLabel: string, cs: number[], series: Series[], logY: boolean): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const lo = logY ? 10 ** Math.floor(Math.log10(Math.min(...all))) : 0;
  const hi = logY ? 10 ** Math.ceil(Math.log10(Math.max(...all))) : niceMax(Math.max(...all));
  const y = (v: number) => M.top + ph - (logY ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : v / hi) * ph;
  const xs = cs.map(Math.log2);
  const x = (c: number) => M.left + (xs.length > 1 ? ((Math.log2(c) - xs[0]) / (xs[xs.length - 1] - xs[0])) * pw : pw / 2);
  const ticks = logY
    ? Array.from({ length: Math.round(Math.log10(hi / lo)) + 1 }, (_, i) => lo * 10 ** i)
    : Array.from({ length: 6 }, (_, i) => (hi * i) / 5);
  const out: string[] = [`<g transform="translate(${x0},0)">`, `<text x="${M.left}" y="20" font-weight="bold">${esc(title)}</text>`];
  for (const t of ticks) {
    out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${t >= 1000 ? `${t / 1000}k` : Number(t.toFixed(1))}</text>`);
  }
  for (const c of cs) out.push(`<text x="${x(c)}" y="${M.top + ph + 16}" text-anchor="middle">${c}</text>`);
  out.push(`<text x="${M.left + pw / 2}" y="${H - 8}" text-anchor="middle">concurrency (requests in flight)</text>`);
  out.push(`<text transform="translate(14,${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  out.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  for (const s of series) {
    const pts = cs.map((c, i) => [x(c), y(s.values[i])] as const).filter(([, py]) => Number.isFinite(py));
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${pts.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}"/>`);
    for (const [px, py] of pts) out.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3" fill="${s.color}"/>`);
  }
  out.push('</g>');
  return out.join('\n');
}

export function svg(title: string, points: Point[]): string {
  const cs = points.map((p) => p.c);
  const orderly = (values: number[]): Series => ({ name: 'Orderly (HTTP API)', color: COLORS.orderly, dashed: false, values });
  const bare = (values: number[]): Series => ({ name: 'bare workflow, same shape (ceiling)', color: COLORS.bare, dashed: true, values });
  const legend = [orderly([]), bare([])]
    .map((s, i) => `<g transform="translate(${M.left + i * 260},${H + 8})"><line x1="0" x2="28" y1="0" y2="0" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/><text x="34" y="4">${esc(s.name)}</text></g>`)
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 24}" viewBox="0 0 ${2 * W} ${H + 24}" font-family="sans-serif" font-size="12">
<title>${esc(title)}</title>
<rect width="100%" height="100%" fill="#fff"/>
${panel(0, `${title}: orders/s`, 'orders per second', cs, [orderly(points.map((p) => p.orderlyOps)), bare(points.map((p) => p.bareOps))], false)}
${panel(W, `${title}: create latency p99`, 'ms (log scale)', cs, [orderly(points.map((p) => p.createP99)), bare(points.map((p) => p.bareCreateP99))], true)}
${legend}
</svg>
`;
}

export function table(points: Point[]): string {
  const roles = [...new Set(points.flatMap((p) => Object.keys(p.cpu)))];
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  const deadlocks = points.some((p) => Number.isFinite(p.deadlocks));
  const head = ['concurrency', 'Orderly orders/s', 'ceiling orders/s', 'ratio', 'create p99 ms (ceiling)', 'confirm p99 ms (ceiling)', ...(deadlocks ? ['deadlocks'] : []), ...roles.map((r) => `CPU ms/order ${r}`)];
  const rows = points.map((p) => [
    p.c,
    f(p.orderlyOps),
    f(p.bareOps),
    f(p.ratio, 2),
    `${f(p.createP99, 0)} (${f(p.bareCreateP99, 0)})`,
    `${f(p.confirmP99, 0)} (${f(p.bareConfirmP99, 0)})`,
    ...(deadlocks ? [f(p.deadlocks, 0)] : []),
    ...roles.map((r) => f(p.cpu[r], 0)),
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { title: { type: 'string', default: 'Sweep' }, out: { type: 'string' } }, allowPositionals: true });
  if (!values.out || positionals.length === 0) throw new Error('usage: npm run bench:chart -- --title "Embedded default" --out docs/performance-sweep.svg sweep1.json [sweep2.json ...]');
  const points = medians(positionals);
  fs.writeFileSync(values.out, svg(values.title, points));
  console.log(`${values.out}: medians of ${positionals.length} sweep(s)\n\n${table(points)}`);
}

if (require.main === module) main();
