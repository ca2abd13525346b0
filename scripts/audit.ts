import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { auditInventory } from '../store/audit-inventory';
import { auditPayments } from '../store/audit-payments';

/**
 * npm run audit: check the inventory invariants of docs/domain.md §5 and the money invariants of
 * docs/payments.md (refunded <= captured, ledger and totals agree) over the configured database.
 * Exit 0 clean, 1 broken, 2 could not check.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl, config.dataDir);
  try {
    const { products, movements, violations } = await auditInventory(db);
    const scope = `${products} products, ${movements} movements`;
    if (violations.length === 0) console.log(`inventory audit: clean (${scope})`);
    else console.log(`inventory audit: ${violations.length} violation(s) in ${scope}`);
    for (const v of violations) console.log(`  ${v.sku} (${v.productId}) ${v.check}: ${v.detail}`);
    const money = await auditPayments(db);
    if (money.violations.length === 0) console.log(`payments audit: clean (${money.orders} orders with payments)`);
    else console.log(`payments audit: ${money.violations.length} violation(s) in ${money.orders} orders with payments`);
    for (const v of money.violations) console.log(`  order ${v.orderId} ${v.check}: ${v.detail}`);
    return violations.length + money.violations.length === 0 ? 0 : 1;
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
