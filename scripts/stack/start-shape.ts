import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
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
export interface ShapeSettings {
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
}

export interface Shape {
  temporalAddress: string;
  /** null when a server that was already running is used */
  temporal: GroupProcess | null;
  workers: GroupProcess[];
  apis: GroupProcess[];
  apiUrls: string[];
}

export const temporalAddressOf = (s: ShapeSettings) => `127.0.0.1:${s.temporalPort}`;
export const apiUrlOf = (s: ShapeSettings, i: number) => `http://127.0.0.1:${s.apiPorts[i]}`;

/**
 * Starts every part, handing each one to `onStarted` as soon as it runs, so a
 * failure half-way still stops what did start.
 */
export async function startShape(s: ShapeSettings, onStarted: (part: GroupProcess) => void, say: (line: string) => void = () => undefined): Promise<Shape> {
  fs.mkdirSync(s.logDir, { recursive: true });
  const temporalEnv = { ...process.env, ...s.temporalEnv, TEMPORAL_PORT: String(s.temporalPort), TEMPORAL_NAMESPACE: s.env.TEMPORAL_NAMESPACE ?? 'default' };
  const serverScript = path.join(s.root, 'scripts', 'temporal-server.sh');
  const run = (name: string, command: string, args: string[], env: NodeJS.ProcessEnv) => startGroup(name, command, args, { cwd: s.root, env, logFile: path.join(s.logDir, `${name}.log`) });

  let temporal: GroupProcess | null = null;
  await ensureDatabase(s.env.DATABASE_URL);
  if (await canConnect(s.temporalPort)) {
    // One server per machine is enough: a second stack (the tests beside `npm run stack`) registers its namespace on it.
    say(`Temporal server already running at ${temporalAddressOf(s)}; registering the namespace on it`);
    await expectSuccess(run('temporal-register', 'bash', [serverScript, 'register'], temporalEnv));
  } else {
    say('Starting the Temporal server (PostgreSQL persistence; built with Go on first use)...');
    temporal = run('temporal', 'bash', [serverScript, 'start'], temporalEnv);
    onStarted(temporal);
    await temporal.waitFor('Temporal server ready', 15 * 60_000);
  }

  say('Migrating the database...');
  await expectSuccess(run('migrate', ...entryPoint(s, 'scripts/migrate'), appEnv(s)));

  say(`Starting ${s.workerMetricsPorts.length} workers and ${s.apiPorts.length} APIs...`);
  const workers = await Promise.all(s.workerMetricsPorts.map((_, i) => startWorkerPart(s, i, {}, onStarted)));
  const apis = await Promise.all(s.apiPorts.map((_, i) => startApiPart(s, i, {}, onStarted)));
  return { temporalAddress: temporalAddressOf(s), temporal, workers, apis, apiUrls: s.apiPorts.map((_, i) => apiUrlOf(s, i)) };
}

/** Worker i (from 0), with extra variables if given; resolves once it polls its task queue. */
export async function startWorkerPart(s: ShapeSettings, i: number, extraEnv: Record<string, string>, onStarted: (part: GroupProcess) => void = () => undefined): Promise<GroupProcess> {
  const env = { ...appEnv(s), WORKER_METRICS_PORT: String(s.workerMetricsPorts[i]), ...extraEnv };
  const worker = startGroup(`worker-${i + 1}`, ...entryPoint(s, 'workers/main'), { cwd: s.root, env, logFile: path.join(s.logDir, `worker-${i + 1}.log`) });
  onStarted(worker);
  await waitPolling(worker, s);
  return worker;
}

/** API i (from 0), with extra variables if given; resolves once /readyz says so. */
export async function startApiPart(s: ShapeSettings, i: number, extraEnv: Record<string, string>, onStarted: (part: GroupProcess) => void = () => undefined): Promise<GroupProcess> {
  const env = { ...appEnv(s), PORT: String(s.apiPorts[i]), ...extraEnv };
  const api = startGroup(`api-${i + 1}`, ...entryPoint(s, 'api/main'), { cwd: s.root, env, logFile: path.join(s.logDir, `api-${i + 1}.log`) });
  onStarted(api);
  await waitReady(api, apiUrlOf(s, i));
  return api;
}

/** Only the settings production has, not whatever the starting process happens to carry (a test runner's NODE_ENV). */
function appEnv(s: ShapeSettings): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...s.env, TEMPORAL_ADDRESS: temporalAddressOf(s) };
}

/** How an Orderly entry point (api/main, workers/main, scripts/migrate) starts in each build. */
function entryPoint(s: ShapeSettings, name: string): [string, string[]] {
  return s.build === 'dist' ? [process.execPath, [path.join(s.root, 'dist', `${name}.js`)]] : [process.execPath, ['--import', 'tsx', path.join(s.root, `${name}.ts`)]];
}

/** The MariaDB database of DATABASE_URL, created when missing (a fresh machine); its tables are the migrations' job. */
async function ensureDatabase(databaseUrl: string | undefined): Promise<void> {
  if (!databaseUrl?.startsWith('mysql')) throw new Error('The production shape needs DATABASE_URL=mysql://...');
  const url = new URL(databaseUrl);
  const admin = knex({
    client: 'mysql2',
    connection: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
  });
  try {
    await admin.raw('CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [decodeURIComponent(url.pathname.slice(1))]);
  } finally {
    await admin.destroy();
  }
}

async function expectSuccess(part: GroupProcess): Promise<void> {
  const { code, signal } = await part.exited;
  if (code !== 0) throw new Error(`${part.name} failed (${code ?? signal}); see ${part.logFile}:\n${part.output().slice(-4000)}`);
}

/**
 * A worker is up when Temporal lists it among the task queue's pollers, by
 * its identity (the SDK's default, pid@host): whatever LOG_LEVEL says.
 */
async function waitPolling(worker: GroupProcess, s: ShapeSettings, timeoutMs = 120_000): Promise<void> {
  const identity = `${worker.pid}@${os.hostname()}`;
  const connection = await Connection.connect({ address: temporalAddressOf(s) });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (!worker.running()) throw new Error(`${worker.name} exited before it polled; see ${worker.logFile}:\n${worker.output().slice(-4000)}`);
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: s.env.TEMPORAL_NAMESPACE ?? 'default',
        taskQueue: { name: s.env.TASK_QUEUE ?? 'orders' },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      if (pollers?.some((p) => p.identity === identity)) return;
      if (Date.now() > deadline) throw new Error(`${worker.name} not polling within ${timeoutMs} ms; see ${worker.logFile}:\n${worker.output().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await connection.close();
  }
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
