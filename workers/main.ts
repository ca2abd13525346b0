import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { createLogger } from '../lib/logger';
import { connectClient } from '../lib/temporal-client';
import { createWorker } from './create-worker';
import { ensureSchedules } from './schedules';
import { startWorkerTelemetry } from './telemetry';

/** The worker process of the production shape (`npm run start:worker`). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required for a standalone worker');
  const log = createLogger(config.logLevel, 'worker');
  const db = createDb(config.databaseUrl, config.dataDir);
  await startWorkerTelemetry(config, log);
  // For the schedules and the sweeper, which asks whether an order's workflow is still there.
  const client = await connectClient(config.temporalAddress, config.temporalNamespace);
  const { worker } = await createWorker({
    address: config.temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, config, log, temporal: client },
    // Set by the tests, which bundle the workflows once per run.
    bundlePath: process.env.WORKFLOW_BUNDLE_PATH,
  });
  await ensureSchedules(client, config);
  log.info({ taskQueue: config.taskQueue }, 'worker started');
  await worker.run();
  await client.connection.close();
  await db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
