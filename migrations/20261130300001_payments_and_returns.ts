import type { Knex } from 'knex';
import { appendOnly, createTable, id, time } from './lib/schema-helpers';

/**
 * The money side (issue 12): each order's payment summary, the append-only
 * payments ledger, refunds, and returns with their lines and history.
 * refunded <= captured is held by the database twice over: a CHECK on the
 * summary row (MariaDB >= 10.2 and SQLite enforce it), and the conditional
 * UPDATE that reserves a refund (store/refund-store.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, 'order_payments', (t) => {
    id(t, 'order_id').primary().references('orders.id');
    // gateway | cod | manual
    t.string('provider', 16).notNullable();
    t.string('method', 16).notNullable();
    // awaiting | authorized | paid | failed | expired | collected | refunded | partially_refunded
    t.string('status', 24).notNullable();
    t.string('intent_ref', 128).unique();
    t.string('checkout_url', 500);
    t.bigInteger('amount_centavos').notNullable();
    t.bigInteger('captured_centavos').notNullable().defaultTo(0);
    t.bigInteger('refunded_centavos').notNullable().defaultTo(0);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    t.check('?? >= 0', ['captured_centavos'], 'order_payments_captured_nonneg');
    t.check('?? >= 0', ['refunded_centavos'], 'order_payments_refunded_nonneg');
    t.check('?? <= ??', ['refunded_centavos', 'captured_centavos'], 'order_payments_refunded_le_captured');
  });

  await createTable(knex, 'payments', (t) => {
    id(t).primary();
    id(t, 'order_id').notNullable().references('orders.id');
    id(t, 'refund_id');
    // intent | authorization | capture | refund | failure
    t.string('kind', 16).notNullable();
    t.string('provider', 16).notNullable();
    t.bigInteger('amount_centavos').notNullable();
    t.string('provider_ref', 128);
    t.string('event_id', 128);
    t.string('reason', 500);
    t.string('actor_type', 16).notNullable();
    t.string('actor_id', 64);
    // One row per provider event, per capture of an intent, per refund outcome.
    t.string('dedupe_key', 200).notNullable().unique();
    time(t, 'created_at').notNullable();
    t.index(['order_id', 'created_at']);
    t.check('?? >= 0', ['amount_centavos'], 'payments_amount_nonneg');
  });
  await appendOnly(knex, 'payments');

  await createTable(knex, 'refunds', (t) => {
    id(t).primary();
    id(t, 'order_id').notNullable().references('orders.id');
    id(t, 'return_id');
    t.bigInteger('amount_centavos').notNullable();
    t.string('reason', 500).notNullable();
    // pending | succeeded | failed
    t.string('status', 16).notNullable();
    t.string('provider', 16).notNullable();
    t.string('provider_ref', 128);
    // why it exists, once: cancel:<order>, late:<event>, key:<hash of customer+key>, return:<return>
    t.string('dedupe_key', 200).notNullable().unique();
    t.string('request_hash', 64);
    t.string('actor_type', 16).notNullable();
    t.string('actor_id', 64);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    t.index(['order_id', 'created_at']);
    t.check('?? > 0', ['amount_centavos'], 'refunds_amount_positive');
  });

  await createTable(knex, 'returns', (t) => {
    id(t).primary();
    id(t, 'order_id').notNullable().references('orders.id');
    // requested | approved | rejected | shipped_back | received | refunded
    t.string('status', 24).notNullable();
    t.string('carrier', 64);
    t.string('tracking_number', 128);
    id(t, 'refund_id');
    t.string('request_hash', 64).notNullable();
    t.string('actor_type', 16).notNullable();
    t.string('actor_id', 64);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    t.index(['order_id', 'created_at']);
  });

  await createTable(knex, 'return_lines', (t) => {
    id(t).primary();
    id(t, 'return_id').notNullable().references('returns.id');
    id(t, 'product_id').notNullable().references('products.id');
    t.integer('quantity').notNullable();
    t.string('reason', 500).notNullable();
    // restock | damaged, once received
    t.string('outcome', 16);
    t.bigInteger('refund_centavos').notNullable();
    t.unique(['return_id', 'product_id']);
    t.check('?? > 0', ['quantity'], 'return_lines_quantity_positive');
  });

  await createTable(knex, 'return_status_history', (t) => {
    id(t).primary();
    id(t, 'return_id').notNullable().references('returns.id');
    t.string('from_status', 24);
    t.string('to_status', 24).notNullable();
    t.string('actor_type', 16).notNullable();
    t.string('actor_id', 64);
    t.string('reason', 500);
    time(t, 'created_at').notNullable();
    t.unique(['return_id', 'to_status']);
  });
  await appendOnly(knex, 'return_status_history');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['return_status_history', 'return_lines', 'returns', 'refunds', 'payments', 'order_payments']) await knex.schema.dropTableIfExists(table);
}
