import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { auditInventory } from '../store/audit-inventory';

/** npm run audit: check the inventory invariants of docs/domain.md §5 over the configured database. Exit 0 clean, 1 broken, 2 could not check. */
async function main(): Promise<number> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl, config.dataDir);
  try {
    const { products, movements, violations } = await auditInventory(db);
    const scope = `${products} products, ${movements} movements`;
    if (violations.length === 0) {
      console.log(`inventory audit: clean (${scope})`);
      return 0;
    }
    console.log(`inventory audit: ${violations.length} violation(s) in ${scope}`);
    for (const v of violations) console.log(`  ${v.sku} (${v.productId}) ${v.check}: ${v.detail}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
