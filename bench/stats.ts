/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface RunResult {
  label: string;
  orders: number;
  seconds: number;
  createMs: number[];
}

export function summarize(r: RunResult): string {
  const s = [...r.createMs].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  return `${r.label.padEnd(22)} ${String(r.orders).padStart(5)} orders  ${f(r.orders / r.seconds).padStart(7)} orders/s  create p50 ${f(percentile(s, 50))} ms  p95 ${f(percentile(s, 95))} ms  p99 ${f(percentile(s, 99))} ms`;
}

/** Runs `total` jobs with at most `concurrency` in flight. */
export async function pool(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total) await job(next++);
  });
  await Promise.all(lanes);
}
