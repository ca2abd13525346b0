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
 * reserved, otherwise why not, with nothing changed. The product row is
 * locked and read first, so the check and the change see the same stock
 * (it may have changed since the order was validated). Only for an order
 * being created in this transaction: it holds no reservation yet.
 */
export async function reserveLine(trx: Knex.Transaction, line: Line, expiresAt: Date, actor: Actor, now: Date): Promise<ReserveRefusal | null> {
  const p = await lockProduct(trx, line.productId);
  if (p.status !== 'active' || p.onHand - p.reserved < line.quantity) {
    return { code: p.status === 'active' ? 'INSUFFICIENT_STOCK' : 'PRODUCT_UNAVAILABLE', name: p.name, status: p.status, available: p.onHand - p.reserved };
  }
  await writeMovement(trx, p, { ...line, kind: 'reserve', deltaOnHand: 0, deltaReserved: line.quantity, actor, now });
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
    // that and both asking for the exclusive one deadlocked on MariaDB.
    const p = await lockProduct(trx, String(r.product_id));
    const guarded = await trx('reservations').where({ id: r.id, status: s.from }).update({ status: s.to, updated_at: now });
    if (guarded === 0) continue;
    const q = Number(r.quantity);
    await writeMovement(trx, p, { orderId, productId: p.id, kind: step, deltaOnHand: s.onHand * q, deltaReserved: s.reserved * q, actor, now });
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
  const p = await lockProduct(trx, productId);
  if (p.onHand + delta < p.reserved) return false;
  await writeMovement(trx, p, { orderId: null, productId, kind: delta >= 0 ? 'restock' : 'adjustment', deltaOnHand: delta, deltaReserved: 0, actor, reason, now });
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
  const p = await lockProduct(trx, r.productId);
  const delta = r.outcome === 'restock' ? r.quantity : 0;
  const reason = r.outcome === 'restock' ? `return ${r.returnId}: ${r.quantity} back on the shelf` : `return ${r.returnId}: ${r.quantity} written off as damaged`;
  await writeMovement(trx, p, { orderId: r.orderId, productId: r.productId, kind: 'return', deltaOnHand: delta, deltaReserved: 0, actor, reason, now, dedupeKey });
}

/** A product row locked for this transaction, as it is now. */
interface LockedProduct {
  id: string;
  name: string;
  status: string;
  onHand: number;
  reserved: number;
  ledgerSeq: number;
}

/**
 * Every stock path starts here: the product row locked exclusively and read
 * in one statement, before any row that references it is written, so two
 * orders of one product cannot deadlock (docs/performance.md, "After one
 * local activity per step and the hot-product lock fix"). Products are never
 * deleted, and callers pass ids they have seen. SQLite has one writer and
 * ignores forUpdate.
 */
async function lockProduct(trx: Knex.Transaction, productId: string): Promise<LockedProduct> {
  const p = await trx('products').where({ id: productId }).forUpdate().first('id', 'name', 'status', 'stock_on_hand', 'stock_reserved', 'ledger_seq');
  if (!p) throw new Error(`product ${productId} does not exist`);
  return {
    id: String(p.id),
    name: String(p.name),
    status: String(p.status),
    onHand: Number(p.stock_on_hand),
    reserved: Number(p.stock_reserved),
    ledgerSeq: Number(p.ledger_seq),
  };
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
 * Applies a stock change to the product row this transaction holds locked
 * and writes its movement: two statements. The "after" figures and the seq
 * (the product's next ledger number) follow from the locked read, so the
 * ledger's order is the order of the changes, whichever worker made them
 * (ids from different processes do not sort so). Every change is a new
 * product representation, hence a new version (ETag, docs/api.md, Concurrency).
 */
async function writeMovement(trx: Knex.Transaction, p: LockedProduct, m: Movement): Promise<void> {
  const seq = p.ledgerSeq + 1;
  await trx('products')
    .where({ id: p.id })
    .update({
      stock_on_hand: trx.raw('stock_on_hand + ?', [m.deltaOnHand]),
      stock_reserved: trx.raw('stock_reserved + ?', [m.deltaReserved]),
      ledger_seq: seq,
      version: trx.raw('version + 1'),
      updated_at: m.now,
    });
  const id = uuid();
  await trx('inventory_movements').insert({
    id,
    seq,
    product_id: m.productId,
    order_id: m.orderId,
    kind: m.kind,
    delta_on_hand: m.deltaOnHand,
    delta_reserved: m.deltaReserved,
    on_hand_after: p.onHand + m.deltaOnHand,
    reserved_after: p.reserved + m.deltaReserved,
    actor_type: m.actor.type,
    actor_id: m.actor.id,
    reason: m.reason ?? null,
    // Order-driven steps happen once per (kind, order, product); manual ones are unique.
    dedupe_key: m.dedupeKey ?? (m.orderId ? `${m.kind}:${m.orderId}:${m.productId}` : `${m.kind}:${id}`),
    created_at: m.now,
  });
  // Later changes in this transaction start from what this one left.
  p.onHand += m.deltaOnHand;
  p.reserved += m.deltaReserved;
  p.ledgerSeq = seq;
}
