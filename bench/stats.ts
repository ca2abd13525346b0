/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export function latency(sample: number[]): Latency {
  const s = [...sample].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}
