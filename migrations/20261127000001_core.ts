import type { Knex } from 'knex';
import { appendOnly, createTable, id, time } from './lib/schema-helpers';

/** Customers, catalogue with stock bounds, orders and their audit trail (issue 2). */
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, 'customers', (t) => {
    id(t).primary();
    t.string('email', 254).notNullable().unique();
    t.string('phone', 20);
    t.string('name', 200).notNullable();
    t.string('status', 16).notNullable().defaultTo('active');
    t.boolean('trusted').notNullable().defaultTo(false);
    t.string('tier', 16).notNullable().defaultTo('bronze');
    t.bigInteger('total_spent_centavos').notNullable().defaultTo(0);
    t.integer('orders_count').notNullable().defaultTo(0);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
  });

  await createTable(knex, 'products', (t) => {
    id(t).primary();
    t.string('sku', 64).notNullable().unique();
    t.string('name', 200).notNullable();
    t.bigInteger('price_centavos').notNullable();
    t.string('status', 16).notNullable().defaultTo('active');
    t.integer('stock_on_hand').notNullable().defaultTo(0);
    t.integer('stock_reserved').notNullable().defaultTo(0);
    t.integer('low_stock_threshold').notNullable().defaultTo(10);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    // The database itself refuses overselling (docs/domain.md §5).
    t.check('?? >= 0', ['stock_on_hand'], 'products_on_hand_nonneg');
    t.check('?? >= 0', ['stock_reserved'], 'products_reserved_nonneg');
    t.check('?? <= ??', ['stock_reserved', 'stock_on_hand'], 'products_reserved_le_on_hand');
    t.check('?? >= 0', ['price_centavos'], 'products_price_nonneg');
  });

  await createTable(knex, 'orders', (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('customers.id');
    t.string('status', 24).notNullable();
    t.string('payment_method', 16).notNullable();
    t.string('currency', 3).notNullable().defaultTo('PHP');
    t.bigInteger('subtotal_centavos').notNullable();
    t.bigInteger('discount_centavos').notNullable();
    t.bigInteger('shipping_fee_centavos').notNullable();
    t.bigInteger('total_centavos').notNullable();
    t.bigInteger('vat_centavos').notNullable();
    t.string('promo_code', 64);
    t.text('shipping_address').notNullable();
    t.string('psgc_region', 10);
    t.string('psgc_province', 10);
    t.string('psgc_city', 10);
    t.string('psgc_barangay', 10);
    t.boolean('requires_verification').notNullable().defaultTo(false);
    t.text('warnings').notNullable();
    t.string('notes', 500);
    t.string('source', 16).notNullable();
    t.string('client_ip', 64);
    t.string('user_agent', 512);
    t.string('idempotency_key', 255);
    t.string('request_hash', 64).notNullable();
    time(t, 'reservation_expires_at');
    t.string('carrier', 64);
    t.string('tracking_number', 128);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    t.index(['customer_id', 'created_at']);
    t.index(['status', 'created_at']);
    t.index(['created_at']);
    t.index(['client_ip', 'created_at']);
  });

  await createTable(knex, 'order_items', (t) => {
    id(t).primary();
    id(t, 'order_id').notNullable().references('orders.id');
    id(t, 'product_id').notNullable().references('products.id');
    t.string('sku', 64).notNullable();
    t.string('name', 200).notNullable();
    t.bigInteger('unit_price_centavos').notNullable();
    t.integer('quantity').notNullable();
    t.bigInteger('line_total_centavos').notNullable();
    t.integer('line_no').notNullable();
    t.unique(['order_id', 'product_id']);
  });

  await createTable(knex, 'reservations', (t) => {
    id(t).primary();
    id(t, 'order_id').notNullable().references('orders.id');
    id(t, 'product_id').notNullable().references('products.id');
    t.integer('quantity').notNullable();
    // active -> committed | released
    t.string('status', 16).notNullable();
    time(t, 'expires_at');
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    t.unique(['order_id', 'product_id']);
    t.index(['status', 'expires_at']);
    t.index(['product_id', 'status']);
  });

  await createTable(knex, 'inventory_movements', (t) => {
    id(t).primary();
    id(t, 'product_id').notNullable().references('products.id');
    id(t, 'order_id');
    // reserve | release | commit | restock | adjustment
    t.string('kind', 16).notNullable();
    t.integer('delta_on_hand').notNullable();
    t.integer('delta_reserved').notNullable();
    t.integer('on_hand_after').notNullable();
    t.integer('reserved_after').notNullable();
    t.string('actor_type', 16).notNullable();
    t.string('actor_id', 64);
    t.string('reason', 500);
    // Order-driven moves happen once per (kind, order, product); restocks carry their own key.
    t.string('dedupe_key', 200).notNullable().unique();
    time(t, 'created_at').notNullable();
    t.index(['product_id', 'created_at']);
  });
  await appendOnly(knex, 'inventory_movements');

  await createTable(knex, 'order_status_history', (t) => {
    id(t).primary();
    id(t, 'order_id').notNullable().references('orders.id');
    t.string('from_status', 24);
    t.string('to_status', 24).notNullable();
    t.string('actor_type', 16).notNullable();
    t.string('actor_id', 64);
    t.string('reason', 500);
    t.string('request_ip', 64);
    t.string('user_agent', 512);
    time(t, 'created_at').notNullable();
    // No status is entered twice by one order, so this makes writing a transition idempotent.
    t.unique(['order_id', 'to_status']);
  });
  await appendOnly(knex, 'order_status_history');

  await createTable(knex, 'order_errors', (t) => {
    id(t).primary();
    id(t, 'order_id');
    // validation | inventory | payment | notification | database | system
    t.string('category', 16).notNullable();
    // low | medium | high | critical
    t.string('severity', 16).notNullable();
    t.string('code', 64).notNullable();
    t.string('message', 1000).notNullable();
    t.text('details');
    t.string('dedupe_key', 200).unique();
    time(t, 'resolved_at');
    t.string('resolved_by', 64);
    t.string('resolution_note', 1000);
    time(t, 'created_at').notNullable();
    t.index(['resolved_at', 'severity']);
    t.index(['order_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'order_errors',
    'order_status_history',
    'inventory_movements',
    'reservations',
    'order_items',
    'orders',
    'products',
    'customers',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
