import { warnIfNoCodecKeys } from '../lib/codec-keys';
import { loadConfig, weakSecretWarning } from '../lib/config';
import { createDb } from '../lib/db';
import { GracefulShutdown } from '../lib/graceful-shutdown';
import { createLogger } from '../lib/logger';
import { payloadCodecs } from '../lib/payload-codec';
import { describeStartupError } from '../lib/startup-error';
import { connectClient } from '../lib/temporal-client';
import { buildApp } from './app';

/** The API process of the production shape (`npm run start:api`). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporalAddress) throw new Error('TEMPORAL_ADDRESS is required for a standalone API');
  if (!config.jwtSecret) throw new Error('AUTH_JWT_SECRET is required for a standalone API');
  const log = createLogger(config.logLevel, 'api');
  warnIfNoCodecKeys(config.payloadCodecKeys, log);
  const weak = weakSecretWarning(config.jwtSecret);
  if (weak) log.warn(weak);
  // SIGTERM (a container being stopped), even mid-start: stop accepting, finish requests in flight, close the connections, exit 0.
  const shutdown = new GracefulShutdown(log);
  shutdown.onSignals();
  const db = createDb(config.databaseUrl, config.dataDir, config.databasePoolSize, config.sqliteSynchronous);
  shutdown.defer('database', () => db.destroy());
  const client = await connectClient(config.temporalAddress, config.temporalNamespace, payloadCodecs(config.payloadCodecKeys));
  shutdown.defer('Temporal client', () => client.connection.close());
  const app = await buildApp({ db, client, config, log, jwtSecret: config.jwtSecret });
  shutdown.defer('API', () => app.close());
  // HOST defaults to every interface: this process usually runs in a container behind a proxy.
  await app.listen({ port: config.port, host: config.http.host });
}

main().catch((err) => {
  console.error(describeStartupError(err));
  process.exit(1);
});
