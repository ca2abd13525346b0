import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const list = (fallback: string, item: z.ZodNumber) =>
  z
    .string()
    .default(fallback)
    .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().transform(Number).pipe(item)).min(1));

/**
 * The bench's settings, from BENCH_* variables (README "Benchmark"). The
 * stack's own variables (PORT, TEMPORAL_ADDRESS / TEMPORAL_PORT,
 * DATABASE_URL, WORKER_METRICS_PORT) say where it runs.
 */
const Env = z.object({
  BENCH_MODE: z.enum(['closed', 'open', 'sweep']).default('closed'),
  BENCH_ORDERS: count(200),
  BENCH_CONCURRENCY: count(20),
  BENCH_WARMUP: z.coerce.number().int().nonnegative().default(10),
  // Seconds of no load after the warm-up: each process's CPU while idle (pollers, timers, other users of a shared database).
  BENCH_IDLE_SECONDS: z.coerce.number().nonnegative().default(5),
  // Orders round-robin over this many products; a list runs each (1 = one hot product, e.g. 1,20).
  BENCH_PRODUCTS: list('1', z.number().int().positive()),
  // Orders round-robin over this many customers: a shop's orders come from many people, and the
  // duplicate-order check reads the customer's recent orders, so one customer would slow down with every order.
  BENCH_CUSTOMERS: count(100),
  // Closed mode also runs the bare workflow with regular activities (yesterday's ceiling) as a second reference.
  BENCH_REGULAR: z.enum(['0', '1']).default('1'),
  // Closed and sweep modes run Orderly and the ceiling in this many alternating rounds (1: one after the other).
  BENCH_ROUNDS: count(1),
  BENCH_SWEEP: list('1,2,4,8,16,32,64', z.number().int().positive()),
  BENCH_SWEEP_MIN_ORDERS: count(30),
  BENCH_SWEEP_ORDERS_PER_LANE: count(6),
  BENCH_OPEN_LOADS: list('0.25,0.5,0.75', z.number().positive().max(2)),
  BENCH_OPEN_SECONDS: count(20),
  // Orders/s taken as the peak for open mode; unset: measured first with a closed loop at BENCH_CONCURRENCY.
  BENCH_PEAK: z.coerce.number().positive().optional(),
  // One API, or several comma-separated (the production shape's APIs): order i goes to API i mod n.
  BENCH_API_URL: z
    .string()
    .optional()
    .transform((text) => text?.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.url()).min(1).optional()),
  // Processes running the bare workflow's worker; unset: as many as the workers found (WORKER_METRICS_PORT), so the ceiling has the same shape.
  BENCH_BARE_WORKERS: z.coerce.number().int().positive().optional(),
  BENCH_TOKEN: z.string().min(1).optional(),
  // role=pid pairs (api, worker, app, temporal, db, temporal_db, ...): processes no port shows, or instead of those found by their ports.
  BENCH_PIDS: z.string().default(''),
  BENCH_DATABASE_URL: z.string().optional(),
  // Every run's numbers as JSON (what `npm run bench:chart` draws from).
  BENCH_JSON: z.string().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_PORT: z.coerce.number().int().positive().default(7233),
  DATABASE_URL: z.string().optional(),
  WORKER_METRICS_PORT: z.string().default('9464'),
  // The workers' metrics ports, comma-separated (the production shape runs two): how the bench finds their pids. Unset: WORKER_METRICS_PORT.
  BENCH_WORKER_METRICS_PORTS: list('', z.number().int().nonnegative()).optional(),
});

export type BenchConfig = ReturnType<typeof benchConfig>;

export function benchConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = Env.parse(env);
  const workerMetricsPorts = (e.BENCH_WORKER_METRICS_PORTS ?? [Number(e.WORKER_METRICS_PORT)]).filter((port) => port > 0);
  return {
    mode: e.BENCH_MODE,
    orders: e.BENCH_ORDERS,
    concurrency: e.BENCH_CONCURRENCY,
    warmup: e.BENCH_WARMUP,
    idleSeconds: e.BENCH_IDLE_SECONDS,
    products: e.BENCH_PRODUCTS,
    customers: e.BENCH_CUSTOMERS,
    regular: e.BENCH_REGULAR === '1',
    rounds: e.BENCH_ROUNDS,
    sweep: { concurrencies: e.BENCH_SWEEP, minOrders: e.BENCH_SWEEP_MIN_ORDERS, ordersPerLane: e.BENCH_SWEEP_ORDERS_PER_LANE },
    open: { loads: e.BENCH_OPEN_LOADS, seconds: e.BENCH_OPEN_SECONDS, peak: e.BENCH_PEAK },
    apiUrls: e.BENCH_API_URL ?? [`http://127.0.0.1:${e.PORT}`],
    token: e.BENCH_TOKEN,
    temporalAddress: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TEMPORAL_PORT}`,
    pids: e.BENCH_PIDS,
    // The database whose deadlocks are counted: MariaDB/MySQL only.
    databaseUrl: [e.BENCH_DATABASE_URL, e.DATABASE_URL].find((url) => url?.startsWith('mysql')),
    workerMetricsPorts,
    bareWorkers: e.BENCH_BARE_WORKERS ?? Math.max(1, workerMetricsPorts.length),
    jsonPath: e.BENCH_JSON,
  };
}
