import fs from 'node:fs';
import type { Phase, Run } from './report';
import { median } from './stats';

/**
 * npm run bench:medians -- a.json b.json c.json: the median of each figure
 * over several bench runs (BENCH_JSON files), grouped by mode, concurrency
 * or load, and products; the same key=value shape as the bench's own line.
 * Noisy machines need medians; ratios are taken per run, then their median.
 */
const key = (r: Run) => `mode=${r.mode}${r.concurrency !== null ? ` c=${r.concurrency}` : ''}${r.load !== null ? ` load=${r.load}` : ''} products=${r.products}`;

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('usage: npm run bench:medians -- run1.json run2.json run3.json');
  const groups = new Map<string, Run[]>();
  for (const f of files) for (const r of (JSON.parse(fs.readFileSync(f, 'utf8')) as { runs: Run[] }).runs) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  for (const [k, runs] of groups) {
    const m = (f: (r: Run) => number | null | undefined) => {
      const v = runs.map(f).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
      return v.length ? median(v) : NaN;
    };
    const fmt = (n: number) => (Number.isNaN(n) ? 'n/a' : Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0));
    const fields: [string, number][] = [
      ['orderly_ops', m((r) => r.orderly.ops)],
      ['bare_ops', m((r) => r.bare.ops)],
      // Open loop: both systems get the same arrivals, so their throughputs say nothing about each other.
      ['ratio', m((r) => (r.mode === 'open' ? null : r.orderly.ops / r.bare.ops))],
      ['regular_ops', m((r) => r.regular?.ops)],
    ];
    for (const [name, pick] of [['create', (p: Phase) => p.create], ['confirm', (p: Phase) => p.confirm]] as const) {
      for (const q of ['p50', 'p95', 'p99'] as const) fields.push([`${name}_${q}`, m((r) => pick(r.orderly)[q])], [`bare_${name}_${q}`, m((r) => pick(r.bare)[q])]);
    }
    fields.push(['deadlocks', m((r) => r.orderly.deadlocks)], ['errors', m((r) => r.orderly.errors + r.bare.errors)]);
    const roles = [...new Set(runs.flatMap((r) => Object.keys(r.orderly.cpuMsPerOrder)))];
    const bareRoles = [...new Set(runs.flatMap((r) => Object.keys(r.bare.cpuMsPerOrder)))];
    for (const role of roles) fields.push([`cpu_${role}`, m((r) => r.orderly.cpuMsPerOrder[role])]);
    for (const role of bareRoles) fields.push([`cpu_bare_${role}`, m((r) => r.bare.cpuMsPerOrder[role])]);
    const values = runs.map((r) => r.orderly.ops.toFixed(1)).join(',');
    console.log(`median of ${runs.length}: ${k} ${fields.map(([n, v]) => `${n}=${fmt(v)}`).join(' ')} (orderly_ops each: ${values})`);
  }
}

main();
