import { warnIfNoCodecKeys } from '../lib/codec-keys';
import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { GracefulShutdown } from '../lib/graceful-shutdown';
import { createLogger } from '../lib/logger';
import { payloadCodecs } from '../lib/payload-codec';
import { describeStartupError } from '../lib/startup-error';
import { connectClient } from '../lib/temporal-client';
import { createWorker } from './create-worker';
import { defaultBundlePath } from './prebuilt-bundle';
import { ensureSchedules } from './schedules';
import { startWorkerTelemetry } from './telemetry';

/**
 * The worker process of the production shape (`npm run start:worker`).
 * SIGTERM (a container being stopped) or SIGINT drains the worker, then closes
 * its connections and the database, and exits 0.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required for a standalone worker');
  const log = createLogger(config.logLevel, 'worker');
  warnIfNoCodecKeys(config.payloadCodecKeys, log);
  const shutdown = new GracefulShutdown(log);
  shutdown.onSignals();
  const db = createDb(config.databaseUrl, config.dataDir, config.databasePoolSize, config.sqliteSynchronous);
  shutdown.defer('database', () => db.destroy());
  await startWorkerTelemetry(config, log);
  // For the schedules and the sweeper, which asks whether an order's workflow is still there.
  const client = await connectClient(config.temporalAddress, config.temporalNamespace, payloadCodecs(config.payloadCodecKeys));
  shutdown.defer('Temporal client', () => client.connection.close());
  const { worker, connection } = await createWorker({
    address: config.temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, config, log, temporal: client },
    // Set by the tests, which bundle the workflows once per run; otherwise the build's prebuilt bundle.
    bundlePath: process.env.WORKFLOW_BUNDLE_PATH || defaultBundlePath(),
  });
  shutdown.defer('worker connection', () => connection.close());
  await ensureSchedules(client, config);
  const running = worker.run();
  shutdown.defer('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
  log.info({ taskQueue: config.taskQueue }, 'worker started');
  // Past a signal this waits for the shutdown already under way. Otherwise the worker
  // failed on its own: everything still closes (the worker step logs why) and it exits 1.
  await running.catch(() => undefined);
  await shutdown.stop(1);
}

main().catch((err) => {
  console.error(describeStartupError(err));
  process.exit(1);
});
