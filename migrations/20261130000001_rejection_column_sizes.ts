import type { Knex } from 'knex';
import { isMysql } from './lib/schema-helpers';

/**
 * Rejected attempts are read back to answer a retried POST, so their columns
 * must hold what is written whole. A TEXT column stops at 65,535 bytes and a
 * 200-line order's problems run past that; a customer id comes from a token
 * subject, which need not be a 36-character UUID. SQLite enforces no lengths,
 * so only MySQL/MariaDB change.
 */
export async function up(knex: Knex): Promise<void> {
  if (!isMysql(knex)) return;
  await knex.schema.alterTable('order_rejections', (t) => {
    t.text('errors', 'mediumtext').notNullable().alter();
    t.string('customer_id', 255).notNullable().alter();
  });
}

export async function down(knex: Knex): Promise<void> {
  if (!isMysql(knex)) return;
  await knex.schema.alterTable('order_rejections', (t) => {
    t.text('errors').notNullable().alter();
    t.string('customer_id', 36).notNullable().alter();
  });
}
