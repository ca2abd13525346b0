import type { Knex } from 'knex';
import { isMysql } from './lib/schema-helpers';

/**
 * report_orders_daily gives each (day, status) group's total instead of a
 * revenue figure: which statuses count as revenue is the status table's call
 * (domain/order-status.ts countsAsRevenue), not a status list frozen in SQL.
 * revenue_centavos stays for readers of the view, as it was computed before.
 */
export async function up(knex: Knex): Promise<void> {
  const day = isMysql(knex) ? "DATE_FORMAT(created_at, '%Y-%m-%d')" : "strftime('%Y-%m-%d', created_at / 1000, 'unixepoch')";
  const create = isMysql(knex) ? 'CREATE SQL SECURITY INVOKER VIEW' : 'CREATE VIEW';
  await knex.raw('DROP VIEW IF EXISTS report_orders_daily');
  await knex.raw(`${create} report_orders_daily AS
    SELECT ${day} AS day, status, COUNT(*) AS orders, SUM(total_centavos) AS total_centavos,
      SUM(CASE WHEN status IN ('confirmed', 'processing', 'shipped', 'delivered') THEN total_centavos ELSE 0 END) AS revenue_centavos
    FROM orders
    GROUP BY ${day}, status`);
}

export async function down(knex: Knex): Promise<void> {
  const day = isMysql(knex) ? "DATE_FORMAT(created_at, '%Y-%m-%d')" : "strftime('%Y-%m-%d', created_at / 1000, 'unixepoch')";
  const create = isMysql(knex) ? 'CREATE SQL SECURITY INVOKER VIEW' : 'CREATE VIEW';
  await knex.raw('DROP VIEW IF EXISTS report_orders_daily');
  await knex.raw(`${create} report_orders_daily AS
    SELECT ${day} AS day, status, COUNT(*) AS orders,
      SUM(CASE WHEN status IN ('confirmed', 'processing', 'shipped', 'delivered') THEN total_centavos ELSE 0 END) AS revenue_centavos
    FROM orders
    GROUP BY ${day}, status`);
}
