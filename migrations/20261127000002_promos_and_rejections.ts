import type { Knex } from 'knex';
import { createTable, id, time } from './lib/schema-helpers';

/** Promo codes with atomic redemption counters, and the log of rejected order attempts (issue 3). */
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, 'promo_codes', (t) => {
    id(t).primary();
    t.string('code', 64).notNullable().unique();
    // percent | fixed | free_shipping
    t.string('kind', 16).notNullable();
    t.bigInteger('value').notNullable().defaultTo(0);
    t.bigInteger('max_discount_centavos');
    t.bigInteger('min_order_centavos').notNullable().defaultTo(0);
    time(t, 'starts_at');
    time(t, 'ends_at');
    t.integer('usage_limit');
    t.integer('per_customer_limit');
    t.boolean('active').notNullable().defaultTo(true);
    // Redemptions held by live or completed orders; the database refuses going past the limit.
    t.integer('redemptions_count').notNullable().defaultTo(0);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    t.check('?? >= 0', ['redemptions_count'], 'promo_redemptions_nonneg');
    t.check('?? IS NULL OR ?? <= ??', ['usage_limit', 'redemptions_count', 'usage_limit'], 'promo_redemptions_le_limit');
  });

  await createTable(knex, 'promo_customer_usage', (t) => {
    id(t, 'promo_id').notNullable().references('promo_codes.id');
    id(t, 'customer_id').notNullable().references('customers.id');
    t.integer('used').notNullable().defaultTo(0);
    t.primary(['promo_id', 'customer_id']);
    t.check('?? >= 0', ['used'], 'promo_usage_nonneg');
  });

  await createTable(knex, 'promo_redemptions', (t) => {
    id(t).primary();
    id(t, 'promo_id').notNullable().references('promo_codes.id');
    id(t, 'order_id').notNullable().unique().references('orders.id');
    id(t, 'customer_id').notNullable();
    // active (order live) -> final (confirmed) | released (cancelled, expired, failed)
    t.string('status', 16).notNullable();
    t.bigInteger('discount_centavos').notNullable();
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
  });

  await createTable(knex, 'order_rejections', (t) => {
    id(t).primary();
    // The workflow's order id: no order row exists for a rejected attempt.
    id(t, 'order_id').notNullable().unique();
    id(t, 'customer_id').notNullable();
    t.string('codes', 1000).notNullable();
    t.text('errors').notNullable();
    t.string('source', 16).notNullable();
    t.string('client_ip', 64);
    time(t, 'created_at').notNullable();
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['order_rejections', 'promo_redemptions', 'promo_customer_usage', 'promo_codes']) {
    await knex.schema.dropTableIfExists(table);
  }
}
