import type { Knex } from 'knex';
import { createTable, id, time } from './lib/schema-helpers';

/**
 * Per-order step timings (docs/domain.md §6 Metrics), written by the order
 * workflow. No foreign key to orders: a rejected attempt has no order row
 * but may still be timed. Not an audit table, so retention may purge it.
 */
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, 'order_metrics', (t) => {
    id(t, 'order_id').primary();
    t.integer('validating_ms');
    t.integer('reserving_ms');
    t.integer('committing_ms');
    // Creation request to confirmation, or to the terminal status if it was never confirmed.
    t.bigInteger('end_to_end_ms');
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    t.index(['updated_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('order_metrics');
}
