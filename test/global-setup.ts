import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import knex from 'knex';
import { createDb } from '../lib/db';
import { startDevServer } from '../lib/temporal-dev-server';

/**
 * Once per test run: a fresh MariaDB database with the schema, one Temporal
 * dev server (docs/pitfalls.md: one per run, not per file) and one workflow bundle
 * that every test worker loads instead of bundling again.
 */
export default async function globalSetup(): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/orderly_test');
  const dbName = url.pathname.slice(1);
  const admin = knex({ client: 'mysql2', connection: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } });
  await admin.raw(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.raw(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();
  const db = createDb(url.toString(), os.tmpdir());
  await db.migrate.latest();
  await db.destroy();
  process.env.TEST_DATABASE_URL = url.toString();

  const port = Number(process.env.TEST_TEMPORAL_PORT ?? 7244);
  const server = await startDevServer({ port });
  (globalThis as Record<string, unknown>).__temporal = server;
  process.env.TEST_TEMPORAL_ADDRESS = server.address;

  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quietLogger });
  const bundlePath = path.join(os.tmpdir(), `orderly-workflows-${process.pid}.js`);
  fs.writeFileSync(bundlePath, bundle.code);
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m), log: noop };
