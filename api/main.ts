import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { createLogger } from '../lib/logger';
import { connectClient } from '../lib/temporal-client';
import { buildApp } from './app';

/** The API process of the production shape (`npm run start:api`). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required for a standalone API');
  if (!config.jwtSecret) throw new Error('AUTH_JWT_SECRET is required for a standalone API');
  const log = createLogger(config.logLevel, 'api');
  const db = createDb(config.databaseUrl, config.dataDir);
  const client = await connectClient(config.temporalAddress, config.temporalNamespace);
  const app = await buildApp({ db, client, config, log, jwtSecret: config.jwtSecret });
  // HOST defaults to every interface: this process usually runs in a container behind a proxy.
  await app.listen({ port: config.port, host: config.http.host });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
