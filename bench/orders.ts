import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { loadConfig } from '../lib/config';
import { readDevSecret } from '../lib/dev-secret';
import { mintToken } from '../lib/tokens';
import { benchConfig, type BenchConfig } from './bench-config';
import { placeBareOrder, startBareWorker, type BareWorker } from './bare-orders';
import { deadlockCounter, type DeadlockCounter } from './deadlocks';
import { closedLoop, openLoop, type LoadResult, type PlaceOrder } from './load';
import { orderlyApi, type Shop } from './orderly-api';
import { cpuSeconds, cpuMsPer, parsePids, pidOnPort, type Roles } from './process-cpu';
import { describePhase, phaseOf, summaryLine, type Phase, type Run } from './report';

/**
 * npm run bench: Orderly through its HTTP API against a running stack (npm
 * start, or the production shape), beside a bare workflow of the order
 * workflow's shape (bench/bare-workflow.ts) on the same Temporal server, in
 * the same invocation. Modes (BENCH_MODE): closed (BENCH_CONCURRENCY lanes),
 * open (fixed arrival rates at shares of the measured peak) and sweep
 * (concurrency 1..64). Each run prints one `bench:` line; BENCH_JSON keeps
 * them all for `npm run bench:chart`. README "Benchmark" lists the settings.
 */
interface Bench {
  cfg: BenchConfig;
  api: ReturnType<typeof orderlyApi>;
  client: Client;
  bare: BareWorker;
  /** every process measured during an Orderly phase, and during a bare one */
  roles: { orderly: Roles; bare: Roles };
  deadlocks: DeadlockCounter | null;
  shops: Map<number, Shop>;
  customerIds: string[];
  runs: Run[];
}

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

/**
 * Processes by the ports they listen on, and those BENCH_PIDS names;
 * `npm start` runs API and worker as one "app". Several APIs or workers (the
 * production shape) are summed under one role.
 */
function findRoles(cfg: BenchConfig): Roles {
  const found = (ports: number[]) => ports.map((port) => pidOnPort(port)).filter((pid): pid is number => pid !== null);
  const apis = found(cfg.apiUrls.map((url) => new URL(url)).filter((url) => isLocal(url.hostname)).map((url) => Number(url.port || 80)));
  const workers = found(cfg.workerMetricsPorts);
  const roles: Roles = {};
  if (apis.length === 1 && workers.length === 1 && apis[0] === workers[0]) roles.app = apis;
  else {
    if (apis.length) roles.api = apis;
    if (workers.length) roles.worker = workers;
  }
  const [host, port] = [cfg.temporalAddress.slice(0, cfg.temporalAddress.lastIndexOf(':')), cfg.temporalAddress.slice(cfg.temporalAddress.lastIndexOf(':') + 1)];
  if (isLocal(host)) roles.temporal = found([Number(port)]);
  if (cfg.databaseUrl) {
    const db = new URL(cfg.databaseUrl);
    if (isLocal(db.hostname)) roles.db = found([Number(db.port || 3306)]);
  }
  // BENCH_PIDS adds roles no port shows (temporal_db) or replaces those found.
  return { ...Object.fromEntries(Object.entries(roles).filter(([, pids]) => pids.length)), ...parsePids(cfg.pids) };
}

/** One system's rounds so far: what they did, the CPU each process spent and the deadlocks during them. */
interface Tally {
  result: LoadResult;
  cpuSeconds: Record<string, number>;
  deadlocks: number | null;
}

async function measureRound(b: Bench, roles: Roles, run: () => Promise<LoadResult>, tally: Tally | null): Promise<Tally> {
  const cpuBefore = cpuSeconds(roles);
  const deadlocksBefore = await b.deadlocks?.read();
  const r = await run();
  const cpuAfter = cpuSeconds(roles);
  const deadlocks = b.deadlocks ? (await b.deadlocks.read()) - deadlocksBefore! : null;
  const spent = Object.fromEntries(Object.keys(cpuAfter).map((role) => [role, cpuAfter[role] - cpuBefore[role] + (tally?.cpuSeconds[role] ?? 0)]));
  if (!tally) return { result: r, cpuSeconds: spent, deadlocks };
  const t = tally.result;
  return {
    result: {
      orders: t.orders + r.orders,
      errors: t.errors + r.errors,
      seconds: t.seconds + r.seconds,
      createMs: [...t.createMs, ...r.createMs],
      confirmMs: [...t.confirmMs, ...r.confirmMs],
      ...((t.firstError ?? r.firstError) ? { firstError: t.firstError ?? r.firstError } : {}),
    },
    cpuSeconds: spent,
    deadlocks: deadlocks === null ? null : tally.deadlocks! + deadlocks,
  };
}

function phaseOfTally(system: Phase['system'], t: Tally): Phase {
  const zero = Object.fromEntries(Object.keys(t.cpuSeconds).map((role) => [role, 0]));
  const phase = phaseOf(system, t.result, cpuMsPer(zero, t.cpuSeconds, t.result.orders), t.deadlocks);
  console.log(describePhase(phase));
  return phase;
}

async function measure(b: Bench, system: Phase['system'], roles: Roles, run: () => Promise<LoadResult>): Promise<Phase> {
  return phaseOfTally(system, await measureRound(b, roles, run, null));
}

async function shop(b: Bench, products: number): Promise<Shop> {
  if (!b.shops.has(products)) b.shops.set(products, { productIds: await b.api.products(products), customerIds: b.customerIds });
  return b.shops.get(products)!;
}

const orderly = async (b: Bench, products: number): Promise<PlaceOrder> => b.api.placeOrder(await shop(b, products));
const bare = (b: Bench, type: 'bareOrderWorkflow' | 'bareRegularWorkflow' = 'bareOrderWorkflow'): PlaceOrder => placeBareOrder(b.client, b.bare.taskQueue, type);

/** CPU ms per second of each process with no orders running: the part of a per-order figure that is not the orders' (it weighs most at low rates). */
async function idleCpu(b: Bench, seconds: number): Promise<Record<string, number>> {
  const roles = { ...b.roles.orderly, bare_worker: b.bare.pids };
  const before = cpuSeconds(roles);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const perSecond = cpuMsPer(before, cpuSeconds(roles), seconds);
  console.log(`bench: idle cpu_ms_per_s: ${Object.entries(perSecond).map(([role, v]) => `${role}=${v.toFixed(1)}`).join(' ')}`);
  return perSecond;
}

function record(b: Bench, run: Run): void {
  b.runs.push(run);
  console.log(summaryLine(run));
}

/**
 * Orderly and the ceiling (and in closed mode the regular-activity
 * reference), each `orders` at `concurrency`, in BENCH_ROUNDS alternating
 * rounds: Orderly then the ceiling, the ceiling then Orderly, and so on.
 * Whatever the shared machine or the server's background work (visibility
 * writes, checkpoints) does meanwhile then falls on both alike, instead of
 * on whichever system ran second; each system's figures are over all its
 * rounds (orders ÷ the time its rounds took).
 */
async function closedPair(b: Bench, mode: 'closed' | 'sweep', concurrency: number, orders: number, products: number, withRegular: boolean): Promise<Run> {
  const rounds = Math.max(1, Math.min(b.cfg.rounds, Math.floor(orders / concurrency)));
  console.log(`${mode}: ${orders} orders at concurrency ${concurrency}, ${products} product(s), ${rounds} alternating round(s)`);
  const placeOurs = await orderly(b, products);
  const systems = {
    orderly: { roles: b.roles.orderly, place: placeOurs, tally: null as Tally | null },
    bare: { roles: b.roles.bare, place: bare(b), tally: null as Tally | null },
  };
  for (let round = 0; round < rounds; round++) {
    const share = Math.round((orders * (round + 1)) / rounds) - Math.round((orders * round) / rounds);
    const order = round % 2 === 0 ? (['orderly', 'bare'] as const) : (['bare', 'orderly'] as const);
    for (const name of order) {
      const s = systems[name];
      const before = s.tally?.result;
      s.tally = await measureRound(b, s.roles, () => closedLoop(share, concurrency, s.place), s.tally);
      const r = s.tally.result;
      if (rounds > 1) console.log(`  round ${round + 1} ${name}: ${((r.orders - (before?.orders ?? 0)) / (r.seconds - (before?.seconds ?? 0))).toFixed(2)}/s`);
    }
  }
  const ours = phaseOfTally('orderly', systems.orderly.tally!);
  const ceiling = phaseOfTally('bare', systems.bare.tally!);
  const regular = withRegular ? await measure(b, 'regular', b.roles.bare, () => closedLoop(orders, concurrency, bare(b, 'bareRegularWorkflow'))) : null;
  const run: Run = { mode, concurrency, load: null, rate: null, products, orderly: ours, bare: ceiling, regular };
  record(b, run);
  return run;
}

const modes = {
  async closed(b: Bench) {
    for (const products of b.cfg.products) await closedPair(b, 'closed', b.cfg.concurrency, b.cfg.orders, products, b.cfg.regular);
  },

  async sweep(b: Bench) {
    const { concurrencies, minOrders, ordersPerLane } = b.cfg.sweep;
    for (const c of concurrencies) await closedPair(b, 'sweep', c, Math.max(minOrders, c * ordersPerLane), b.cfg.products[0], false);
  },

  /** Arrivals at shares of Orderly's peak; the ceiling gets the same arrival rate, so its latencies are the floor for that traffic. */
  async open(b: Bench) {
    const products = b.cfg.products[0];
    const peak = b.cfg.open.peak ?? (await closedPair(b, 'closed', b.cfg.concurrency, b.cfg.orders, products, false)).orderly.ops;
    for (const load of b.cfg.open.loads) {
      const rate = load * peak;
      const orders = Math.max(10, Math.round(rate * b.cfg.open.seconds));
      console.log(`open: ${orders} orders arriving at ${rate.toFixed(2)}/s (${load} of the peak ${peak.toFixed(2)}/s)`);
      const ours = await measure(b, 'orderly', b.roles.orderly, async () => openLoop(orders, rate, await orderly(b, products)));
      const ceiling = await measure(b, 'bare', b.roles.bare, () => openLoop(orders, rate, bare(b)));
      record(b, { mode: 'open', concurrency: null, load, rate, products, orderly: ours, bare: ceiling, regular: null });
    }
  },
};

async function main(): Promise<void> {
  const cfg = benchConfig();
  const app = loadConfig();
  const token = cfg.token ?? mintToken(app.jwtSecret ?? readDevSecret(app.dataDir), 'bench', 'admin');
  const stack = findRoles(cfg);
  const bareWorker = await startBareWorker(cfg.temporalAddress, cfg.bareWorkers);
  const b: Bench = {
    cfg,
    api: orderlyApi(cfg.apiUrls, token),
    client: new Client({ connection: await Connection.connect({ address: cfg.temporalAddress }) }),
    bare: bareWorker,
    roles: {
      orderly: { ...stack, bench: [process.pid] },
      bare: { worker: bareWorker.pids, ...(stack.temporal ? { temporal: stack.temporal } : {}), ...(stack.temporal_db ? { temporal_db: stack.temporal_db } : {}), bench: [process.pid] },
    },
    deadlocks: await deadlockCounter(cfg.databaseUrl),
    shops: new Map(),
    customerIds: [],
    runs: [],
  };
  try {
    console.log(`bench: API ${cfg.apiUrls.join(' ')}, Temporal ${cfg.temporalAddress}, processes ${JSON.stringify(b.roles.orderly)}, bare worker pids ${bareWorker.pids.join(' ')}`);
    b.customerIds = await b.api.customers(cfg.customers);
    if (cfg.warmup) {
      // Unmeasured: bundles, JIT, caches and connections warm before the first figure.
      const lanes = Math.min(cfg.warmup, cfg.concurrency);
      await closedLoop(cfg.warmup, lanes, await orderly(b, cfg.products[0]));
      await closedLoop(cfg.warmup, lanes, bare(b));
      if (cfg.mode === 'closed' && cfg.regular) await closedLoop(cfg.warmup, lanes, bare(b, 'bareRegularWorkflow'));
    }
    const idle = cfg.idleSeconds ? await idleCpu(b, cfg.idleSeconds) : null;
    await modes[cfg.mode](b);
    if (cfg.jsonPath) {
      const database = cfg.databaseUrl ? 'mysql' : 'sqlite (in the app)';
      const output = { at: new Date().toISOString(), apiUrl: cfg.apiUrls.join(','), temporal: cfg.temporalAddress, database, idleCpuMsPerSecond: idle, runs: b.runs };
      fs.writeFileSync(cfg.jsonPath, `${JSON.stringify(output, null, 2)}\n`);
      console.log(`bench: wrote ${cfg.jsonPath}`);
    }
  } finally {
    await b.deadlocks?.close();
    await b.client.connection.close();
    await bareWorker.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : err);
  process.exit(1);
});
