import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { Actor } from '../domain/order-view';
import { fromDb } from '../lib/db';
import { byKeyPage } from './keyset-page';
import { adjustStock } from './stock';

type Row = Record<string, unknown>;

export interface NewProduct {
  sku: string;
  name: string;
  priceCentavos: number;
  status: string;
  stockOnHand: number;
  lowStockThreshold?: number;
}

/** Stock is never patched: it changes through the ledger (adjustStock) only. */
export type ProductChanges = Partial<Omit<NewProduct, 'stockOnHand'>>;

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

export async function readProduct(db: Knex, id: string) {
  const row = await db('products').where({ id }).first();
  return row ? toProduct(row) : null;
}

/** By SKU, a page at a time. */
/** By SKU, a page at a time (keyset on the unique SKU). */
export async function listProducts(db: Knex, page: { limit: number; after: string | null; offset?: number }) {
  const { rows, nextCursor } = await byKeyPage(db('products'), 'sku', page.limit, page.after, page.offset);
  return { data: rows.map(toProduct), nextCursor };
}

/**
 * Creates a product and returns its id. The opening stock goes through the
 * ledger like any restock, in the same transaction, so no product exists
 * without the movement that explains its stock. A taken SKU throws the
 * database's duplicate-key error (isUniqueViolation).
 */
export async function insertProduct(db: Knex, p: NewProduct, actor: Actor, now = new Date()): Promise<string> {
  const id = uuid();
  await db.transaction(async (trx) => {
    await trx('products').insert({
      id, sku: p.sku, name: p.name, price_centavos: p.priceCentavos, status: p.status, stock_on_hand: 0, stock_reserved: 0,
      low_stock_threshold: p.lowStockThreshold ?? 10, created_at: now, updated_at: now,
    });
    if (p.stockOnHand > 0) await adjustStock(trx, id, p.stockOnHand, 'opening stock', actor, now);
  });
  return id;
}

/**
 * Sets the fields given and leaves the rest; a taken SKU throws the
 * database's duplicate-key error. With `ifVersion` (the request's If-Match)
 * only while the product is still at that version: false, with nothing
 * changed, when it is not.
 */
export async function updateProduct(db: Knex, id: string, c: ProductChanges, opts: { ifVersion?: number; now?: Date } = {}): Promise<boolean> {
  const changes = {
    ...(c.sku !== undefined && { sku: c.sku }),
    ...(c.name !== undefined && { name: c.name }),
    ...(c.priceCentavos !== undefined && { price_centavos: c.priceCentavos }),
    ...(c.status !== undefined && { status: c.status }),
    ...(c.lowStockThreshold !== undefined && { low_stock_threshold: c.lowStockThreshold }),
  };
  const q = db('products').where({ id });
  if (opts.ifVersion !== undefined) q.andWhere({ version: opts.ifVersion });
  return (await q.update({ ...changes, updated_at: opts.now ?? new Date(), version: db.raw('version + 1') })) === 1;
}

/**
 * A restock or a correction by hand (no order). Nothing changes when on-hand
 * stock would drop below what is reserved, or, with `ifVersion` (the
 * request's If-Match), when the product is no longer at that version.
 */
export async function changeStock(
  db: Knex,
  id: string,
  change: { delta: number; reason: string },
  actor: Actor,
  opts: { ifVersion?: number; now?: Date } = {},
): Promise<'changed' | 'below_reserved' | 'stale'> {
  return db.transaction(async (trx) => {
    // Claimed in the transaction: a refusal below rolls the claim back with it.
    if (opts.ifVersion !== undefined && (await trx('products').where({ id, version: opts.ifVersion }).increment('version', 1)) !== 1) return 'stale';
    return (await adjustStock(trx, id, change.delta, change.reason, actor, opts.now ?? new Date())) ? 'changed' : 'below_reserved';
  });
}
