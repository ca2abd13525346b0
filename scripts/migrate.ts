import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';

/** npm run migrate: bring the configured database to the latest schema. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl, config.dataDir);
  const [batch, applied] = await db.migrate.latest();
  console.log(applied.length ? `migrated (batch ${batch}): ${applied.join(', ')}` : 'database already up to date');
  await db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
