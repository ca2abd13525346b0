/** One order's two answers, in ms: create from when it was due, confirm from when it was sent. */
export interface OrderTiming {
  createMs: number;
  confirmMs: number;
}

/** Places one order; `dueAt` (performance.now()) is when it should have started, which create latency counts from. */
export type PlaceOrder = (i: number, dueAt: number) => Promise<OrderTiming>;

export interface LoadResult {
  /** orders created and confirmed */
  orders: number;
  errors: number;
  seconds: number;
  createMs: number[];
  confirmMs: number[];
  firstError?: string;
}

function recorder() {
  const r: LoadResult = { orders: 0, errors: 0, seconds: 0, createMs: [], confirmMs: [] };
  return {
    result: r,
    async run(place: PlaceOrder, i: number, dueAt: number): Promise<void> {
      try {
        const t = await place(i, dueAt);
        r.orders++;
        r.createMs.push(t.createMs);
        r.confirmMs.push(t.confirmMs);
      } catch (err) {
        r.errors++;
        r.firstError ??= err instanceof Error ? err.message : String(err);
      }
    },
  };
}

/** Closed loop: `concurrency` lanes, each placing its next order as soon as its last one is confirmed. */
export async function closedLoop(total: number, concurrency: number, place: PlaceOrder): Promise<LoadResult> {
  const rec = recorder();
  let next = 0;
  const started = performance.now();
  const lanes = Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total) await rec.run(place, next++, performance.now());
  });
  await Promise.all(lanes);
  rec.result.seconds = (performance.now() - started) / 1000;
  return rec.result;
}

/**
 * Open loop: one order every 1/rate s whatever the answers, so a slow system
 * builds a queue instead of slowing the arrivals down (latency counts from
 * each order's due time, not from when a timer got round to it).
 */
export async function openLoop(total: number, ratePerSecond: number, place: PlaceOrder): Promise<LoadResult> {
  const rec = recorder();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const dueAt = started + (i * 1000) / ratePerSecond;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(rec.run(place, i, dueAt));
  }
  await Promise.all(inFlight);
  rec.result.seconds = (performance.now() - started) / 1000;
  return rec.result;
}
