import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from '../api/app';
import { loadConfig, type AppConfig, weakSecretWarning } from '../lib/config';
import { createDb } from '../lib/db';
import { seedDemo } from '../lib/demo-catalogue';
import { readDevCodecKeys, readDevSecret } from '../lib/dev-secret';
import { GracefulShutdown } from '../lib/graceful-shutdown';
import { createLogger } from '../lib/logger';
import { payloadCodecs } from '../lib/payload-codec';
import { describeStartupError } from '../lib/startup-error';
import { connectClient } from '../lib/temporal-client';
import { canConnect, startDevServer } from '../lib/temporal-dev-server';
import { startLocalProvider, type LocalProvider } from '../lib/payments/local-provider-server';
import { randomBytes } from 'node:crypto';
import { mintToken } from '../lib/tokens';
import { createWorker } from '../workers/create-worker';
import { ensureSchedules } from '../workers/schedules';
import { startWorkerTelemetry } from '../workers/telemetry';

/**
 * `npm start`: the embedded default. With no configuration it runs a local
 * Temporal dev server (state in ./data/temporal.db), SQLite in
 * ./data/orderly.sqlite, migrations, a demo catalogue, the worker and the
 * API in one process. DATABASE_URL and TEMPORAL_ADDRESS switch to real ones.
 * Ctrl+C (or SIGTERM) stops it in order: API, worker, connections, database,
 * dev server; a second Ctrl+C exits at once.
 */
let shutdown: GracefulShutdown | null = null;

async function main(): Promise<void> {
  const env = loadConfig();
  const log = createLogger(env.logLevel, 'orderly');
  shutdown = new GracefulShutdown(log);
  shutdown.onSignals();
  // A fresh clone has no data folder; the dev server's state file needs it even when a secret is given.
  fs.mkdirSync(env.dataDir, { recursive: true });
  const secret = env.jwtSecret ?? readDevSecret(env.dataDir, true);
  const weak = weakSecretWarning(env.jwtSecret);
  if (weak) log.warn(weak);

  let address = env.temporalAddress;
  let uiUrl: string | null = null;
  if (!address) {
    const port = Number(process.env.TEMPORAL_PORT ?? 7233);
    const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
    if (await canConnect(port)) throw new Error(`Port ${port} is taken (another Temporal?). Set TEMPORAL_ADDRESS to use it, or TEMPORAL_PORT to pick another.`);
    console.log('Starting the local Temporal dev server...');
    const devServer = await startDevServer({ port, uiPort, dbFile: path.join(env.dataDir, 'temporal.db') });
    shutdown.defer('Temporal dev server', () => devServer.stop());
    address = devServer.address;
    uiUrl = devServer.uiUrl;
  }
  // No gateway configured: the local stand-in, so an online order can be paid here without the internet.
  let localProvider: LocalProvider | null = null;
  if (!env.payments.providerUrl) {
    const secrets = { secretKey: randomBytes(24).toString('base64url'), webhookSecret: randomBytes(24).toString('base64url') };
    localProvider = await startLocalProvider({ ...secrets, port: Number(process.env.LOCAL_PAYMENT_PROVIDER_PORT ?? 0) });
    shutdown.defer('local payment provider', () => localProvider!.close());
    env.payments = { ...env.payments, providerUrl: localProvider.url, ...secrets };
  }
  const config: AppConfig = {
    ...env,
    // Temporal's state and its payload key live side by side under ./data.
    payloadCodecKeys: env.payloadCodecKeys ?? readDevCodecKeys(env.dataDir, true),
    // The dev server's Web UI may call the codec endpoint from the browser, whatever its port.
    codecCorsOrigins: uiUrl ? [...env.codecCorsOrigins, uiUrl, uiUrl.replace('127.0.0.1', 'localhost')] : env.codecCorsOrigins,
  };

  const db = createDb(config.databaseUrl, config.dataDir, config.databasePoolSize, config.sqliteSynchronous);
  shutdown.defer('database', () => db.destroy());
  await db.migrate.latest();
  const demo = await seedDemo(db);

  // Local like the API: this process's registry is also on the API's /metrics.
  await startWorkerTelemetry(config, log, '127.0.0.1');
  const client = await connectClient(address, config.temporalNamespace, payloadCodecs(config.payloadCodecKeys));
  shutdown.defer('Temporal client', () => client.connection.close());
  const { worker, connection } = await createWorker({
    address,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, config, log, temporal: client },
    // Set by the tests, which bundle the workflows once per run.
    bundlePath: process.env.WORKFLOW_BUNDLE_PATH,
  });
  shutdown.defer('worker connection', () => connection.close());
  await ensureSchedules(client, config);
  const running = worker.run();
  shutdown.defer('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
  // A worker that fails on its own takes the process down in order too; the worker step logs why.
  running.catch(() => shutdown?.stop(1));
  const app = await buildApp({ db, client, config, log, jwtSecret: secret });
  shutdown.defer('API', () => app.close());
  await app.listen({ port: config.port, host: '127.0.0.1' });

  // The port actually bound (PORT=0 picks a free one).
  const api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  if (localProvider) localProvider.webhookUrl = `${api}/v1/payments/webhooks/gateway`;
  // As long as the API accepts (AUTH_MAX_TOKEN_LIFETIME_DAYS), so a lowered cap never locks out the banner's tokens.
  const lifetime = `${config.auth.maxTokenLifetimeDays}d`;
  const staffCount = Number((await db('staff_users').count({ n: '*' }).first())?.n ?? 0);
  console.log(`
Orderly is running.
  API          ${api}
  API docs     ${api}/docs
  Console      ${api}/admin (${staffCount ? 'sign in with your staff account' : 'no staff account yet: npm run staff:create -- --email you@shop.ph --name "Your Name" --role admin'})
  Temporal UI  ${uiUrl ?? `(your Temporal cluster at ${address})`}
  Payments     ${localProvider ? `${localProvider.url} (local test gateway: open an order's payment.checkoutUrl to pay)` : (config.payments.providerUrl ?? 'none: online orders wait for a staff confirm')}
  Node         ${process.version} (${process.execPath})
  Database     ${config.databaseUrl ? config.databaseUrl.replace(/\/\/[^@]*@/, '//***@') : path.join(config.dataDir, 'orderly.sqlite')}

API admin token (${lifetime}):
  ${mintToken(secret, 'admin', 'admin', lifetime)}
${demo ? `Demo customer ${demo.customerId} token:\n  ${mintToken(secret, demo.customerId, 'customer', lifetime)}\n` : ''}
Stop with Ctrl+C. State is kept under ${config.dataDir}.
`);
}

main().catch((err) => {
  console.error(describeStartupError(err));
  // Stop whatever did start (the dev server above all), then exit 1.
  if (shutdown) void shutdown.stop(1);
  else process.exit(1);
});
