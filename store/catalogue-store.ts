import type { Knex } from 'knex';
import { fromDb } from '../lib/db';

type Row = Record<string, unknown>;

export function toProduct(p: Row) {
  const onHand = fromDb.int(p.stock_on_hand);
  const reserved = fromDb.int(p.stock_reserved);
  return {
    id: String(p.id),
    sku: String(p.sku),
    name: String(p.name),
    priceCentavos: fromDb.int(p.price_centavos),
    status: String(p.status),
    stockOnHand: onHand,
    stockReserved: reserved,
    stockAvailable: onHand - reserved,
    lowStockThreshold: fromDb.int(p.low_stock_threshold),
    createdAt: fromDb.iso(p.created_at),
    updatedAt: fromDb.iso(p.updated_at),
  };
}

export function toCustomer(c: Row) {
  return {
    id: String(c.id),
    email: String(c.email),
    phone: (c.phone as string | null) ?? null,
    name: String(c.name),
    status: String(c.status),
    trusted: fromDb.bool(c.trusted),
    tier: String(c.tier),
    totalSpentCentavos: fromDb.int(c.total_spent_centavos),
    ordersCount: fromDb.int(c.orders_count),
    createdAt: fromDb.iso(c.created_at),
    updatedAt: fromDb.iso(c.updated_at),
  };
}

export async function readProduct(db: Knex, id: string) {
  const row = await db('products').where({ id }).first();
  return row ? toProduct(row) : null;
}

export async function readCustomer(db: Knex, id: string) {
  const row = await db('customers').where({ id }).first();
  return row ? toCustomer(row) : null;
}

/** A duplicate key on insert or update, in either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number };
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
