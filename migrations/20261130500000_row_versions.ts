import type { Knex } from 'knex';

/**
 * A version on each order and product, the ETag of its API representation
 * (docs/api.md, Concurrency). Every write of the row adds one: status writes
 * (store/apply-transition.ts), product changes and stock movements
 * (store/product-store.ts, store/stock.ts), and an If-Match claim of an order
 * action (store/row-version.ts). A request with If-Match changes the row only
 * where the version is still the one it names, in the same statement, so two
 * staff members acting at once cannot both win.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => t.integer('version').notNullable().defaultTo(1));
  await knex.schema.alterTable('products', (t) => t.integer('version').notNullable().defaultTo(1));
}

export async function down(knex: Knex): Promise<void> {
  // Plain DROP COLUMN: knex's SQLite fallback rebuilds the table, which the report views and the triggers do not survive.
  await knex.raw('ALTER TABLE orders DROP COLUMN version');
  await knex.raw('ALTER TABLE products DROP COLUMN version');
}
