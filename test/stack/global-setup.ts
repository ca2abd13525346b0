import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import { startShape, type ShapeSettings } from '../../scripts/stack/start-shape';
import { recordPart, stopShape, type ShapeState } from '../support/stack-shape';

/**
 * Once per run of the stack tier: the production shape as `npm run stack`
 * starts it, from the compiled build (what the image runs; `npm run
 * test:stack` builds it first): the Temporal server on PostgreSQL (or the
 * one already on the port), a fresh MariaDB database, two worker processes
 * and two API processes. Ports and names: TEST_STACK_TEMPORAL_PORT (7460;
 * its membership ports from +20), TEST_STACK_API_PORTS (3460,3461),
 * TEST_STACK_WORKER_METRICS_PORTS (9460,9462), TEST_STACK_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.join(__dirname, '..', '..');
  const build = process.env.STACK_BUILD === 'source' ? 'source' : 'dist';
  if (build === 'dist' && !fs.existsSync(path.join(root, 'dist', 'workers', 'main.js'))) {
    throw new Error('The stack tier runs the compiled build: run `npm run build` first (`npm run test:stack` does), or set STACK_BUILD=source');
  }
  const databaseUrl = process.env.TEST_STACK_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/orderly_test_stack';
  await recreateDatabase(databaseUrl);

  const temporalPort = Number(process.env.TEST_STACK_TEMPORAL_PORT ?? 7460);
  const ports = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map(Number);
  const logDir = freshLogDir(path.join(root, '.stack', 'test-runs'));
  const jwtSecret = randomBytes(32).toString('base64url');
  const settings: ShapeSettings = {
    root,
    build,
    env: {
      DATABASE_URL: databaseUrl,
      AUTH_JWT_SECRET: jwtSecret,
      PAYLOAD_CODEC_KEYS: `stack:${randomBytes(32).toString('base64')}`,
      HOST: '127.0.0.1',
      // A namespace and a task queue of the run's own: a running `npm run stack` on the same server is not disturbed.
      TEMPORAL_NAMESPACE: 'orderly-stack-test',
      TASK_QUEUE: `stack-${Date.now()}`,
      LOG_LEVEL: 'info',
      // Every request comes from 127.0.0.1 with few tokens: the per-client limits stay on but out of reach.
      VELOCITY_PER_IP_PER_HOUR: '1000000',
      VELOCITY_PER_CUSTOMER_PER_HOUR: '1000000',
      RATE_LIMIT_PER_SECOND: '1000000',
      RATE_LIMIT_ORDERS_PER_MINUTE: '1000000',
    },
    temporalPort,
    temporalEnv: { TEMPORAL_MEMBERSHIP_PORT: String(temporalPort + 20), TEMPORAL_RETENTION: '1d' },
    apiPorts: ports(process.env.TEST_STACK_API_PORTS, '3460,3461'),
    workerMetricsPorts: ports(process.env.TEST_STACK_WORKER_METRICS_PORTS, '9460,9462'),
    logDir,
  };
  const state: ShapeState = { settings, jwtSecret, partsFile: path.join(logDir, 'parts.json') };
  const stateFile = path.join(logDir, 'state.json');
  fs.writeFileSync(stateFile, JSON.stringify(state));
  process.env.STACK_STATE_FILE = stateFile;
  const started = Date.now();
  try {
    await startShape(settings, (part) => recordPart(state, part.name, part.pid), (line) => console.log(`[stack] ${line}`));
  } catch (err) {
    // Jest skips the teardown when the setup fails: stop what did start here.
    await stopShape(state);
    throw err;
  }
  console.log(`[stack] up in ${((Date.now() - started) / 1000).toFixed(1)} s; logs in ${logDir}`);
}

/** A folder for this run's process logs; the last few runs' stay for a look after a failure (git-ignored). */
function freshLogDir(parent: string): string {
  fs.mkdirSync(parent, { recursive: true });
  const earlier = fs.readdirSync(parent).sort();
  for (const old of earlier.slice(0, Math.max(0, earlier.length - 2))) fs.rmSync(path.join(parent, old), { recursive: true, force: true });
  return fs.mkdtempSync(path.join(parent, `${new Date().toISOString().replace(/[:.]/g, '-')}-`));
}

async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = knex({
    client: 'mysql2',
    connection: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
  });
  try {
    await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
  } finally {
    await admin.destroy();
  }
}
