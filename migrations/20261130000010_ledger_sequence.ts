import type { Knex } from 'knex';
import { appendOnly, isMysql } from './lib/schema-helpers';

/**
 * Each product's movements get a sequence number, taken from a counter on the
 * product row in the same statement that changes its stock (store/stock.ts),
 * so while the row is locked. The ledger's order is then the order the
 * changes were applied, whichever process made them. Ordering by the UUIDv7
 * id was not: two workers moving one product in the same millisecond mint
 * ids whose random part sorts either way, and workers on other machines have
 * clocks of their own. Existing movements are numbered in id order, which
 * was the order the audit used so far.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('products', (t) => t.integer('ledger_seq').notNullable().defaultTo(0));
  await knex.schema.alterTable('inventory_movements', (t) => t.integer('seq'));

  // The ledger is append-only (its triggers refuse UPDATE): lifted for the numbering only.
  for (const op of ['update', 'delete']) await knex.raw(`DROP TRIGGER IF EXISTS inventory_movements_no_${op}`);
  const numbered = 'SELECT id, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY id) AS n FROM inventory_movements';
  if (isMysql(knex)) {
    await knex.raw(`UPDATE inventory_movements m JOIN (${numbered}) r ON r.id = m.id SET m.seq = r.n`);
  } else {
    await knex.raw(`UPDATE inventory_movements SET seq = r.n FROM (${numbered}) AS r WHERE r.id = inventory_movements.id`);
  }
  await appendOnly(knex, 'inventory_movements');
  await knex.raw('UPDATE products SET ledger_seq = COALESCE((SELECT MAX(m.seq) FROM inventory_movements m WHERE m.product_id = products.id), 0)');
  await knex.schema.alterTable('inventory_movements', (t) => t.unique(['product_id', 'seq']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inventory_movements', (t) => t.dropUnique(['product_id', 'seq']));
  // Plain DROP COLUMN: knex's SQLite fallback rebuilds the table, which the report views and the triggers do not survive.
  await knex.raw('ALTER TABLE inventory_movements DROP COLUMN seq');
  await knex.raw('ALTER TABLE products DROP COLUMN ledger_seq');
}
