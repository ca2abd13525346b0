import { latency, type Latency } from './stats';
import type { LoadResult } from './load';

/** One system's share of a run: its throughput, latencies and the CPU each process spent per order. */
export interface Phase {
  system: 'orderly' | 'bare' | 'regular';
  orders: number;
  errors: number;
  firstError?: string;
  seconds: number;
  ops: number;
  create: Latency;
  confirm: Latency;
  cpuMsPerOrder: Record<string, number>;
  /** MariaDB/MySQL deadlocks during the phase (server-wide); null on SQLite */
  deadlocks: number | null;
}

/** One line of the summary: Orderly and the same-shape bare ceiling, measured back to back. */
export interface Run {
  mode: 'closed' | 'open' | 'sweep';
  concurrency: number | null;
  /** open loop: the share of the peak and the arrival rate (orders/s) */
  load: number | null;
  rate: number | null;
  products: number;
  orderly: Phase;
  bare: Phase;
  regular: Phase | null;
}

export function phaseOf(system: Phase['system'], r: LoadResult, cpuMsPerOrder: Record<string, number>, deadlocks: number | null): Phase {
  return {
    system,
    orders: r.orders,
    errors: r.errors,
    ...(r.firstError ? { firstError: r.firstError } : {}),
    seconds: r.seconds,
    ops: r.orders / r.seconds,
    create: latency(r.createMs),
    confirm: latency(r.confirmMs),
    cpuMsPerOrder,
    deadlocks,
  };
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 100 ? 1 : 0) : 'n/a');
const lat = (l: Latency) => `${ms(l.p50)}/${ms(l.p95)}/${ms(l.p99)}`;
const cpu = (c: Record<string, number>, prefix = '') =>
  Object.entries(c)
    .map(([role, v]) => `${prefix}${role}=${ms(v)}`)
    .join(' ');

/** A line for people: what one system did. */
export function describePhase(p: Phase): string {
  const errors = p.errors ? `  ${p.errors} FAILED (first: ${p.firstError})` : '';
  const deadlocks = p.deadlocks === null ? '' : `  deadlocks ${p.deadlocks}`;
  return `  ${p.system.padEnd(8)} ${String(p.orders).padStart(5)} orders ${p.ops.toFixed(2).padStart(7)}/s  create p50/p95/p99 ${lat(p.create)} ms  confirm ${lat(p.confirm)} ms  cpu ms/order ${cpu(p.cpuMsPerOrder)}${deadlocks}${errors}`;
}

/** The line for scripts: `bench:` then key=value pairs, the same keys every run. */
export function summaryLine(r: Run): string {
  const o = r.orderly;
  const b = r.bare;
  const fields: Record<string, string | number> = { mode: r.mode };
  if (r.concurrency !== null) fields.c = r.concurrency;
  if (r.load !== null) Object.assign(fields, { load: r.load, rate: r.rate!.toFixed(2) });
  Object.assign(fields, { products: r.products, orders: o.orders, errors: o.errors + b.errors, orderly_ops: o.ops.toFixed(2), bare_ops: b.ops.toFixed(2) });
  if (r.mode !== 'open') fields.ratio = (o.ops / b.ops).toFixed(2);
  if (r.regular) fields.regular_ops = r.regular.ops.toFixed(2);
  for (const [key, l] of [['create', o.create], ['confirm', o.confirm], ['bare_create', b.create], ['bare_confirm', b.confirm]] as const) {
    Object.assign(fields, { [`${key}_p50`]: ms(l.p50), [`${key}_p95`]: ms(l.p95), [`${key}_p99`]: ms(l.p99) });
  }
  if (o.deadlocks !== null) Object.assign(fields, { deadlocks: o.deadlocks, deadlocks_during_bare: b.deadlocks ?? 'n/a' });
  const pairs = Object.entries(fields).map(([k, v]) => `${k}=${v}`);
  return `bench: ${pairs.join(' ')} cpu_ms_per_order: ${cpu(o.cpuMsPerOrder)} ${cpu(b.cpuMsPerOrder, 'bare_')}`;
}
