import path from 'node:path';
import { buildApp } from '../api/app';
import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { seedDemo } from '../lib/demo-catalogue';
import { readDevSecret } from '../lib/dev-secret';
import { createLogger } from '../lib/logger';
import { connectClient } from '../lib/temporal-client';
import { canConnect, startDevServer, type DevServer } from '../lib/temporal-dev-server';
import { mintToken } from '../lib/tokens';
import { createWorker } from '../workers/create-worker';
import { ensureSchedules } from '../workers/schedules';
import { startWorkerTelemetry } from '../workers/telemetry';

/**
 * `npm start`: the embedded default. With no configuration it runs a local
 * Temporal dev server (state in ./data/temporal.db), SQLite in
 * ./data/orderly.sqlite, migrations, a demo catalogue, the worker and the
 * API in one process. DATABASE_URL and TEMPORAL_ADDRESS switch to real ones.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'orderly');
  const secret = config.jwtSecret ?? readDevSecret(config.dataDir, true);

  let devServer: DevServer | null = null;
  let address = config.temporalAddress;
  if (!address) {
    const port = Number(process.env.TEMPORAL_PORT ?? 7233);
    const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
    if (await canConnect(port)) throw new Error(`Port ${port} is taken (another Temporal?). Set TEMPORAL_ADDRESS to use it, or TEMPORAL_PORT to pick another.`);
    console.log('Starting the local Temporal dev server...');
    devServer = await startDevServer({ port, uiPort, dbFile: path.join(config.dataDir, 'temporal.db') });
    address = devServer.address;
  }

  const db = createDb(config.databaseUrl, config.dataDir);
  await db.migrate.latest();
  const demo = await seedDemo(db);

  // Local like the API: this process's registry is also on the API's /metrics.
  await startWorkerTelemetry(config, log, '127.0.0.1');
  const client = await connectClient(address, config.temporalNamespace);
  const { worker } = await createWorker({ address, namespace: config.temporalNamespace, taskQueue: config.taskQueue, deps: { db, config, log, temporal: client } });
  await ensureSchedules(client, config);
  const running = worker.run();
  const app = await buildApp({ db, client, config, log, jwtSecret: secret });
  await app.listen({ port: config.port, host: '127.0.0.1' });

  const api = `http://127.0.0.1:${config.port}`;
  console.log(`
Orderly is running.
  API          ${api}
  API docs     ${api}/docs
  Admin page   ${api}/admin (sign in with the admin token below)
  Temporal UI  ${devServer?.uiUrl ?? `(your Temporal cluster at ${address})`}
  Database     ${config.databaseUrl ? config.databaseUrl.replace(/\/\/[^@]*@/, '//***@') : path.join(config.dataDir, 'orderly.sqlite')}

Admin token (30 days):
  ${mintToken(secret, 'admin', 'admin')}
${demo ? `Demo customer ${demo.customerId} token:\n  ${mintToken(secret, demo.customerId, 'customer')}\n` : ''}
Stop with Ctrl+C. State is kept under ${config.dataDir}.
`);

  const stop = async () => {
    console.log('Stopping...');
    await app.close();
    worker.shutdown();
    await running;
    await db.destroy();
    await devServer?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
