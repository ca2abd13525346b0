import type { Knex } from 'knex';
import { isMysql } from './lib/schema-helpers';

/**
 * The reports of docs/domain.md §6 as views, so the API, ad-hoc SQL and BI tools
 * read the same numbers (issue 4). Revenue counts only orders whose stock is
 * committed and not given back: confirmed, processing, shipped, delivered.
 */
export async function up(knex: Knex): Promise<void> {
  // Times are DATETIME(3) in UTC on MySQL and epoch milliseconds on SQLite (schema-helpers).
  const day = isMysql(knex) ? "DATE_FORMAT(created_at, '%Y-%m-%d')" : "strftime('%Y-%m-%d', created_at / 1000, 'unixepoch')";
  // INVOKER: a dump restored under another account does not depend on the creating user.
  const create = isMysql(knex) ? 'CREATE SQL SECURITY INVOKER VIEW' : 'CREATE VIEW';

  await knex.raw(`${create} report_orders_daily AS
    SELECT ${day} AS day, status, COUNT(*) AS orders,
      SUM(CASE WHEN status IN ('confirmed', 'processing', 'shipped', 'delivered') THEN total_centavos ELSE 0 END) AS revenue_centavos
    FROM orders
    GROUP BY ${day}, status`);

  // COUNT(*) counts orders: there is one reservation per (order, product).
  await knex.raw(`${create} report_pending_items AS
    SELECT p.id AS product_id, p.sku, p.name, SUM(r.quantity) AS reserved_quantity, COUNT(*) AS orders
    FROM reservations r JOIN products p ON p.id = r.product_id
    WHERE r.status = 'active'
    GROUP BY p.id, p.sku, p.name`);

  await knex.raw(`${create} report_inventory_status AS
    SELECT id AS product_id, sku, name, status, stock_on_hand AS on_hand, stock_reserved AS reserved,
      stock_on_hand - stock_reserved AS available, low_stock_threshold,
      CASE WHEN stock_on_hand - stock_reserved <= low_stock_threshold THEN 1 ELSE 0 END AS low_stock
    FROM products`);
}

export async function down(knex: Knex): Promise<void> {
  for (const view of ['report_inventory_status', 'report_pending_items', 'report_orders_daily']) {
    await knex.raw(`DROP VIEW IF EXISTS ${view}`);
  }
}
