import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { createLogger } from '../lib/logger';
import { createWorker } from './create-worker';

/** The worker process of the production shape (`npm run start:worker`). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required for a standalone worker');
  const log = createLogger(config.logLevel, 'worker');
  const db = createDb(config.databaseUrl, config.dataDir);
  const { worker } = await createWorker({
    address: config.temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, config, log },
    // Set by the tests, which bundle the workflows once per run.
    bundlePath: process.env.WORKFLOW_BUNDLE_PATH,
  });
  log.info({ taskQueue: config.taskQueue }, 'worker started');
  await worker.run();
  await db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
