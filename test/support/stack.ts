import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import pino from 'pino';
import { buildApp } from '../../api/app';
import type { App } from '../../api/context';
import { loadConfig, type AppConfig } from '../../lib/config';
import { createDb } from '../../lib/db';
import { connectClient } from '../../lib/temporal-client';
import { payloadCodecs } from '../../lib/payload-codec';
import { mintToken } from '../../lib/tokens';
import { createWorker } from '../../workers/create-worker';
import type { OrderActivities } from '../../activities';
import { startLocalProvider, type LocalProvider } from '../../lib/payments/local-provider-server';
import type { OrderlyClient } from '../../client';
import { apiOf } from './api';

export const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/**
 * A real stack for one test file: the run's MariaDB (or a fresh SQLite file),
 * the run's Temporal dev server, a worker on a task queue of its own and the
 * API app (driven through fastify's inject).
 */
export interface Stack {
  app: App;
  db: Knex;
  client: Client;
  config: AppConfig;
  /** the environment the config was read from, for worker processes a test starts */
  env: Record<string, string>;
  adminToken: string;
  /** the local payment gateway, when the stack was started with `payments` */
  provider: LocalProvider | null;
  /** The typed client on this stack's app, as the holder of `token` (test/support/api.ts). */
  api(token?: string, headers?: Record<string, string>): OrderlyClient;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(
  opts: { sqlite?: boolean; env?: Record<string, string>; worker?: boolean; wrapActivities?: (a: OrderActivities) => OrderActivities; payments?: boolean } = {},
): Promise<Stack> {
  // The gateway stand-in over a real socket; the API then listens too, so its webhooks cross one as well.
  const secrets = { secretKey: `sk_test_${randomUUID()}`, webhookSecret: `whsec_${randomUUID()}` };
  const provider = opts.payments ? await startLocalProvider(secrets) : null;
  const databaseUrl = opts.sqlite ? `sqlite:${path.join(os.tmpdir(), `orderly-test-${randomUUID()}.sqlite`)}` : process.env.TEST_DATABASE_URL!;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS!,
    TASK_QUEUE: `test-${randomUUID()}`,
    AUTH_JWT_SECRET: JWT_SECRET,
    LOG_LEVEL: 'warn',
    // Every request in a test comes from 127.0.0.1: lift the per-IP limit unless a test sets it.
    VELOCITY_PER_IP_PER_HOUR: '100000',
    VELOCITY_PER_CUSTOMER_PER_HOUR: '100000',
    // Tests fire hundreds of requests a second from one token: rate limits stay on but out of reach unless a test sets them.
    RATE_LIMIT_PER_SECOND: '1000000',
    RATE_LIMIT_ORDERS_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    // Refunds retry in milliseconds here, not seconds.
    REFUND_INITIAL_BACKOFF_MS: '100',
    REFUND_MAX_ATTEMPTS: '3',
    ...(provider ? { PAYMENT_PROVIDER_URL: provider.url, PAYMENT_PROVIDER_SECRET_KEY: secrets.secretKey, PAYMENT_WEBHOOK_SECRET: secrets.webhookSecret } : {}),
    ...opts.env,
  };
  const config = loadConfig(env);
  const log = pino({ level: 'warn' });
  const db = createDb(config.databaseUrl, config.dataDir, 20);
  if (opts.sqlite) await db.migrate.latest();
  // Encrypted only when a test sets PAYLOAD_CODEC_KEYS; the worker reads the same config.
  const client = await connectClient(config.temporalAddress!, config.temporalNamespace, payloadCodecs(config.payloadCodecKeys));
  const app = await buildApp({ db, client, config, log, jwtSecret: JWT_SECRET });
  let worker: { worker: Worker; running: Promise<void> } | null = null;
  if (provider) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    provider.webhookUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/payments/webhooks/gateway`;
  }

  const stack: Stack = {
    app,
    db,
    client,
    config,
    env,
    adminToken: mintToken(JWT_SECRET, 'staff-1', 'admin'),
    provider,
    api: (token, headers) => apiOf(app, token, headers),
    async startWorker() {
      const { worker: w } = await createWorker({
        address: config.temporalAddress!,
        namespace: config.temporalNamespace,
        taskQueue: config.taskQueue,
        deps: { db, config, log, temporal: client },
        bundlePath: process.env.WORKFLOW_BUNDLE_PATH,
        wrapActivities: opts.wrapActivities,
      });
      worker = { worker: w, running: w.run() };
    },
    async stopWorker() {
      if (!worker) return;
      worker.worker.shutdown();
      await worker.running;
      worker = null;
    },
    async close() {
      await stack.stopWorker();
      await app.close();
      await provider?.close();
      await client.connection.close();
      await db.destroy();
    },
  };
  if (opts.worker !== false) await stack.startWorker();
  return stack;
}
