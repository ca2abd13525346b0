import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { Actor } from '../domain/order-view';

/**
 * The four order-driven stock steps of docs/domain.md §5, each atomic and
 * idempotent per (order, product): the reservation row's status is the guard
 * (active -> committed | released, committed -> restocked), so running a step
 * twice changes nothing the second time. Every change of on_hand or reserved
 * writes its movement row in the caller's transaction. Callers process lines
 * sorted by product id, so concurrent orders lock products in one order.
 */
export type MovementKind = 'reserve' | 'release' | 'commit' | 'restock' | 'adjustment' | 'return';

interface Line {
  orderId: string;
  productId: string;
  quantity: number;
}

/** Why a line could not be reserved, with what the product looks like now (for the message). */
export interface ReserveRefusal {
  code: 'PRODUCT_UNAVAILABLE' | 'INSUFFICIENT_STOCK';
  name: string;
  status: string;
  available: number;
}

/**
 * Reserve one line if the product is on sale and has the stock: null when
 * reserved (or already reserved by this order), otherwise why not, with
 * nothing changed. Both conditions are in the update itself, because the
 * product may have changed since the order was validated. The product is
 * then re-read with a lock: a plain read in MariaDB's REPEATABLE READ could
 * show the transaction's older snapshot and name the wrong reason.
 */
export async function reserveLine(trx: Knex.Transaction, line: Line, expiresAt: Date, actor: Actor, now: Date): Promise<ReserveRefusal | null> {
  const existing = await trx('reservations').where({ order_id: line.orderId, product_id: line.productId }).first();
  if (existing) return null;
  const updated = await trx('products')
    .where({ id: line.productId, status: 'active' })
    .andWhereRaw('stock_on_hand - stock_reserved >= ?', [line.quantity])
    .update({ stock_reserved: trx.raw('stock_reserved + ?', [line.quantity]), updated_at: now });
  if (updated === 0) {
    // Validation found the product and products are never deleted.
    const p = (await trx('products').where({ id: line.productId }).forUpdate().first('name', 'status', 'stock_on_hand', 'stock_reserved'))!;
    return {
      code: p.status === 'active' ? 'INSUFFICIENT_STOCK' : 'PRODUCT_UNAVAILABLE',
      name: String(p.name),
      status: String(p.status),
      available: Number(p.stock_on_hand) - Number(p.stock_reserved),
    };
  }
  await trx('reservations').insert({
    id: uuid(),
    order_id: line.orderId,
    product_id: line.productId,
    quantity: line.quantity,
    status: 'active',
    expires_at: expiresAt,
    created_at: now,
    updated_at: now,
  });
  await recordMovement(trx, { ...line, kind: 'reserve', deltaOnHand: 0, deltaReserved: line.quantity, actor, now });
  return null;
}

const ORDER_STEPS = {
  release: { from: 'active', to: 'released', onHand: 0, reserved: -1 },
  commit: { from: 'active', to: 'committed', onHand: -1, reserved: -1 },
  restock: { from: 'committed', to: 'restocked', onHand: 1, reserved: 0 },
} as const;

/** Release, commit or restock every line of an order that is still in the step's starting state. */
export async function moveOrderStock(
  trx: Knex.Transaction,
  orderId: string,
  step: keyof typeof ORDER_STEPS,
  actor: Actor,
  now: Date,
): Promise<void> {
  const s = ORDER_STEPS[step];
  const held = await trx('reservations').where({ order_id: orderId, status: s.from }).orderBy('product_id');
  for (const r of held) {
    // The product row first, exclusively: changing the reservation's status rewrites its (product_id, status)
    // index entry, whose foreign-key check takes a SHARED lock on the product; two orders of one product holding
    // that and both asking for the exclusive one deadlocked on MariaDB. (SQLite has one writer and drops forUpdate.)
    await trx('products').where({ id: r.product_id }).forUpdate().first('id');
    const guarded = await trx('reservations').where({ id: r.id, status: s.from }).update({ status: s.to, updated_at: now });
    if (guarded === 0) continue;
    const q = Number(r.quantity);
    await trx('products')
      .where({ id: r.product_id })
      .update({
        stock_on_hand: trx.raw('stock_on_hand + ?', [s.onHand * q]),
        stock_reserved: trx.raw('stock_reserved + ?', [s.reserved * q]),
        updated_at: now,
      });
    await recordMovement(trx, {
      orderId,
      productId: String(r.product_id),
      kind: step,
      deltaOnHand: s.onHand * q,
      deltaReserved: s.reserved * q,
      actor,
      now,
    });
  }
}

/** Restock (delta > 0) or adjust (delta < 0) on-hand stock; never below what is reserved. */
export async function adjustStock(
  trx: Knex.Transaction,
  productId: string,
  delta: number,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const updated = await trx('products')
    .where({ id: productId })
    .andWhereRaw('stock_on_hand + ? >= stock_reserved', [delta])
    .update({ stock_on_hand: trx.raw('stock_on_hand + ?', [delta]), updated_at: now });
  if (updated === 0) return false;
  await recordMovement(trx, {
    orderId: null,
    productId,
    kind: delta >= 0 ? 'restock' : 'adjustment',
    deltaOnHand: delta,
    deltaReserved: 0,
    actor,
    reason,
    now,
  });
  return true;
}

/**
 * A returned line, received by staff: back on the shelf (on hand goes up by
 * the quantity) or written off as damaged (a movement of 0 that records it).
 * Idempotent by (return, product): its movement's dedupe key.
 */
export async function receiveReturnedLine(
  trx: Knex.Transaction,
  r: { returnId: string; orderId: string; productId: string; quantity: number; outcome: 'restock' | 'damaged' },
  actor: Actor,
  now: Date,
): Promise<void> {
  const dedupeKey = `return:${r.returnId}:${r.productId}`;
  if (await trx('inventory_movements').where({ dedupe_key: dedupeKey }).first('id')) return;
  await trx('products').where({ id: r.productId }).forUpdate().first('id');
  const delta = r.outcome === 'restock' ? r.quantity : 0;
  if (delta) await trx('products').where({ id: r.productId }).update({ stock_on_hand: trx.raw('stock_on_hand + ?', [delta]), updated_at: now });
  const reason = r.outcome === 'restock' ? `return ${r.returnId}: ${r.quantity} back on the shelf` : `return ${r.returnId}: ${r.quantity} written off as damaged`;
  await recordMovement(trx, { orderId: r.orderId, productId: r.productId, kind: 'return', deltaOnHand: delta, deltaReserved: 0, actor, reason, now, dedupeKey });
}

interface Movement {
  /** for a movement that an order-driven key cannot name uniquely (several returns of one order) */
  dedupeKey?: string;
  orderId: string | null;
  productId: string;
  kind: MovementKind;
  deltaOnHand: number;
  deltaReserved: number;
  actor: Actor;
  reason?: string;
  now: Date;
}

/**
 * Writes the movement of a change just made to the product row, which this
 * transaction holds locked. Its seq is the product's next ledger number,
 * taken under that lock: the ledger's order is the order of the changes,
 * whichever worker made them (ids from different processes do not sort so).
 */
async function recordMovement(trx: Knex.Transaction, m: Movement): Promise<void> {
  // version: every stock change is a new product representation, so a new ETag (docs/api.md, Concurrency).
  await trx('products').where({ id: m.productId }).increment({ ledger_seq: 1, version: 1 });
  const p = await trx('products').where({ id: m.productId }).first('stock_on_hand', 'stock_reserved', 'ledger_seq');
  const id = uuid();
  await trx('inventory_movements').insert({
    id,
    seq: p.ledger_seq,
    product_id: m.productId,
    order_id: m.orderId,
    kind: m.kind,
    delta_on_hand: m.deltaOnHand,
    delta_reserved: m.deltaReserved,
    on_hand_after: p.stock_on_hand,
    reserved_after: p.stock_reserved,
    actor_type: m.actor.type,
    actor_id: m.actor.id,
    reason: m.reason ?? null,
    // Order-driven steps happen once per (kind, order, product); manual ones are unique.
    dedupe_key: m.dedupeKey ?? (m.orderId ? `${m.kind}:${m.orderId}:${m.productId}` : `${m.kind}:${id}`),
    created_at: m.now,
  });
}
