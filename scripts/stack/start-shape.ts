import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import { canConnect } from '../../lib/temporal-dev-server';
import { startGroup, type GroupProcess } from './process-group';

/**
 * The production shape as real processes, the way docker-compose.yml runs it:
 * the Temporal server on SQL (scripts/temporal-server.sh), Orderly's
 * migrations, N worker processes and N API processes, all configured only
 * through the production environment variables. Used by `npm run stack` and
 * by the stack test tier.
 */
export interface ShapeOptions {
  root: string;
  /** 'dist' runs the compiled build (`npm run build`), as the image does; 'source' runs the TypeScript with tsx */
  build: 'dist' | 'source';
  /** what every Orderly process gets (DATABASE_URL, AUTH_JWT_SECRET, PAYLOAD_CODEC_KEYS, ...) */
  env: Record<string, string>;
  temporalPort: number;
  /** the server script's settings (TEMPORAL_MEMBERSHIP_PORT, TEMPORAL_DB_NAME, ...) */
  temporalEnv: Record<string, string>;
  apiPorts: number[];
  /** each worker takes its port and the next one (workers/telemetry.ts) */
  workerMetricsPorts: number[];
  logDir: string;
  /** progress lines for a person watching */
  say?: (line: string) => void;
}

export interface Shape {
  temporalAddress: string;
  /** null when a server that was already running is used */
  temporal: GroupProcess | null;
  workers: GroupProcess[];
  apis: GroupProcess[];
  apiUrls: string[];
  /** starts one more worker or API with the shape's settings (the tests restart stopped ones) */
  startWorker(index: number): Promise<GroupProcess>;
  startApi(index: number): Promise<GroupProcess>;
}

/** How one Orderly entry point (api/main, workers/main, scripts/migrate) is started in each build. */
function entryPoint(opts: ShapeOptions, name: string): [string, string[]] {
  return opts.build === 'dist' ? [process.execPath, [path.join(opts.root, 'dist', `${name}.js`)]] : [process.execPath, ['--import', 'tsx', path.join(opts.root, `${name}.ts`)]];
}

/**
 * Starts every part, registering each one's stop with `onStarted` right after
 * it is up, so a failure half-way still stops what did start.
 */
export async function startShape(opts: ShapeOptions, onStarted: (part: GroupProcess) => void): Promise<Shape> {
  const say = opts.say ?? (() => undefined);
  fs.mkdirSync(opts.logDir, { recursive: true });
  const temporalAddress = `127.0.0.1:${opts.temporalPort}`;
  const appEnv = { ...process.env, ...opts.env, TEMPORAL_ADDRESS: temporalAddress };
  const logFile = (name: string) => path.join(opts.logDir, `${name}.log`);
  const run = (name: string, [command, args]: [string, string[]], env: NodeJS.ProcessEnv) => startGroup(name, command, args, { cwd: opts.root, env, logFile: logFile(name) });
  const temporalEnv = { ...process.env, ...opts.temporalEnv, TEMPORAL_PORT: String(opts.temporalPort), TEMPORAL_NAMESPACE: opts.env.TEMPORAL_NAMESPACE ?? 'default' };
  const serverScript = path.join(opts.root, 'scripts', 'temporal-server.sh');

  let temporal: GroupProcess | null = null;
  await ensureDatabase(opts.env.DATABASE_URL);
  if (await canConnect(opts.temporalPort)) {
    // One server per machine is enough: a second stack (the tests beside `npm run stack`) registers its namespace on it.
    say(`Temporal server already running at ${temporalAddress}; registering the namespace on it`);
    const register = run('temporal-register', ['bash', [serverScript, 'register']], temporalEnv);
    await expectSuccess(register);
  } else {
    say('Starting the Temporal server (PostgreSQL persistence; builds it on first use)...');
    temporal = run('temporal', ['bash', [serverScript, 'start']], temporalEnv);
    onStarted(temporal);
    await temporal.waitFor('Temporal server ready', 15 * 60_000);
  }

  say('Migrating the database...');
  await expectSuccess(run('migrate', entryPoint(opts, 'scripts/migrate'), appEnv));

  const startWorker = async (i: number) => {
    const worker = run(`worker-${i + 1}`, entryPoint(opts, 'workers/main'), { ...appEnv, WORKER_METRICS_PORT: String(opts.workerMetricsPorts[i]) });
    onStarted(worker);
    await worker.waitFor('worker started');
    return worker;
  };
  const startApi = async (i: number) => {
    const api = run(`api-${i + 1}`, entryPoint(opts, 'api/main'), { ...appEnv, PORT: String(opts.apiPorts[i]) });
    onStarted(api);
    await waitReady(api, `http://127.0.0.1:${opts.apiPorts[i]}`);
    return api;
  };
  say(`Starting ${opts.workerMetricsPorts.length} workers and ${opts.apiPorts.length} APIs...`);
  const workers = await Promise.all(opts.workerMetricsPorts.map((_, i) => startWorker(i)));
  const apis = await Promise.all(opts.apiPorts.map((_, i) => startApi(i)));
  return { temporalAddress, temporal, workers, apis, apiUrls: opts.apiPorts.map((p) => `http://127.0.0.1:${p}`), startWorker, startApi };
}

/** The MariaDB database of DATABASE_URL, created when missing (a fresh machine); its tables are the migrations' job. */
async function ensureDatabase(databaseUrl: string | undefined): Promise<void> {
  if (!databaseUrl?.startsWith('mysql')) throw new Error('The production shape needs DATABASE_URL=mysql://...');
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = knex({
    client: 'mysql2',
    connection: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
  });
  try {
    await admin.raw('CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]);
  } finally {
    await admin.destroy();
  }
}

async function expectSuccess(part: GroupProcess): Promise<void> {
  const { code, signal } = await part.exited;
  if (code !== 0) throw new Error(`${part.name} failed (${code ?? signal}); see ${part.logFile}:\n${part.output().slice(-4000)}`);
}

/** An API is up when /readyz answers 200: its database and Temporal both answer. */
async function waitReady(api: GroupProcess, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!api.running()) throw new Error(`${api.name} exited before it was ready; see ${api.logFile}:\n${api.output().slice(-4000)}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${api.name} not ready within ${timeoutMs} ms; see ${api.logFile}:\n${api.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
