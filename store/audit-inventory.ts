import type { Knex } from 'knex';
import { holdsReservation, ORDER_STATUSES } from '../domain/order-status';
import { fromDb } from '../lib/db';

/**
 * Checks docs/domain.md §5 over the whole database, for every product:
 * - stock_reserved = the quantities of its active reservations;
 * - stock_on_hand = the sum of its movements' delta_on_hand (opening stock is
 *   a restock movement, commits are negative) and stock_reserved the sum of
 *   their delta_reserved;
 * - 0 <= reserved <= on_hand;
 * - each movement's balances follow from the one before it, which catches a
 *   ledger that adds up but was written out of step;
 * - an active reservation belongs to an order that still holds stock;
 * - returns put back on the shelf at most what the order took off it (its
 *   committed reservation), so stock is conserved across returns.
 * Read-only; it runs in one transaction so every check sees the same snapshot.
 */
export type AuditCheck = 'reserved_vs_reservations' | 'on_hand_vs_ledger' | 'reserved_vs_ledger' | 'stock_bounds' | 'ledger_chain' | 'orphan_reservation' | 'returned_exceeds_sold';

export interface Violation {
  productId: string;
  sku: string;
  check: AuditCheck;
  expected: number | null;
  actual: number | null;
  /** the movement or order the violation was found on, when there is one */
  ref: string | null;
  detail: string;
}

export interface AuditReport {
  products: number;
  movements: number;
  violations: Violation[];
}

type Row = Record<string, unknown>;

export async function auditInventory(db: Knex): Promise<AuditReport> {
  return db.transaction(async (trx) => {
    const products = await balances(trx);
    const skus = new Map(products.map((p) => [String(p.id), String(p.sku)]));
    const violations = [...products.flatMap(balanceViolations), ...(await chainBreaks(trx, skus)), ...(await orphanReservations(trx, skus)), ...(await overReturned(trx, skus))];
    return { products: products.length, movements: products.reduce((n, p) => n + fromDb.int(p.movements), 0), violations };
  });
}

/** Each product's counters next to what its reservations and its ledger say they should be. */
function balances(trx: Knex.Transaction): Promise<Row[]> {
  const ledger = trx('inventory_movements')
    .select('product_id')
    .sum({ on_hand: 'delta_on_hand', reserved: 'delta_reserved' })
    .count({ movements: '*' })
    .groupBy('product_id')
    .as('l');
  const held = trx('reservations').select('product_id').sum({ quantity: 'quantity' }).where({ status: 'active' }).groupBy('product_id').as('h');
  return trx('products as p')
    .leftJoin(ledger, 'l.product_id', 'p.id')
    .leftJoin(held, 'h.product_id', 'p.id')
    .select('p.id', 'p.sku', 'p.stock_on_hand', 'p.stock_reserved', { ledger_on_hand: 'l.on_hand', ledger_reserved: 'l.reserved', movements: 'l.movements', held: 'h.quantity' })
    .orderBy('p.sku');
}

function balanceViolations(p: Row): Violation[] {
  const onHand = fromDb.int(p.stock_on_hand);
  const reserved = fromDb.int(p.stock_reserved);
  const found: Violation[] = [];
  const v = (check: AuditCheck, expected: number, actual: number, detail: string) =>
    found.push({ productId: String(p.id), sku: String(p.sku), check, expected, actual, ref: null, detail });
  const held = fromDb.int(p.held);
  if (reserved !== held) v('reserved_vs_reservations', held, reserved, `stock_reserved is ${reserved} but active reservations hold ${held}`);
  const ledgerOnHand = fromDb.int(p.ledger_on_hand);
  if (onHand !== ledgerOnHand) v('on_hand_vs_ledger', ledgerOnHand, onHand, `stock_on_hand is ${onHand} but its movements add up to ${ledgerOnHand}`);
  const ledgerReserved = fromDb.int(p.ledger_reserved);
  if (reserved !== ledgerReserved) v('reserved_vs_ledger', ledgerReserved, reserved, `stock_reserved is ${reserved} but its movements add up to ${ledgerReserved}`);
  if (reserved < 0 || reserved > onHand) v('stock_bounds', onHand, reserved, `reserved ${reserved} is outside 0..on_hand ${onHand}`);
  return found;
}

/**
 * Movements whose balance-after does not follow from the previous movement of
 * the same product. Ordered by seq, the product's ledger number taken while
 * its row is locked (store/stock.ts), so the order the changes were applied
 * in, across every worker process. Not by id: UUIDv7s minted by two processes
 * in the same millisecond sort either way. created_at is read before the lock.
 * A movement without a seq was not written by store/stock.ts; it is checked
 * after the numbered ones.
 */
const LEDGER_ORDER = 'PARTITION BY product_id ORDER BY CASE WHEN seq IS NULL THEN 1 ELSE 0 END, seq, id';

async function chainBreaks(trx: Knex.Transaction, skus: Map<string, string>): Promise<Violation[]> {
  const prev = (col: string) => trx.raw(`COALESCE(LAG(${col}) OVER (${LEDGER_ORDER}), 0) AS prev_${col}`);
  const chained = trx('inventory_movements')
    .select('id', 'product_id', 'seq', 'delta_on_hand', 'delta_reserved', 'on_hand_after', 'reserved_after', prev('on_hand_after'), prev('reserved_after'))
    .as('c');
  const rows: Row[] = await trx
    .from(chained)
    .whereRaw('on_hand_after <> prev_on_hand_after + delta_on_hand OR reserved_after <> prev_reserved_after + delta_reserved')
    .orderBy(['product_id', 'seq', 'id']);
  return rows.map((m) => {
    const expected = fromDb.int(m.prev_on_hand_after) + fromDb.int(m.delta_on_hand);
    const expectedReserved = fromDb.int(m.prev_reserved_after) + fromDb.int(m.delta_reserved);
    return {
      productId: String(m.product_id),
      sku: skus.get(String(m.product_id)) ?? '?',
      check: 'ledger_chain' as const,
      expected,
      actual: fromDb.int(m.on_hand_after),
      ref: String(m.id),
      detail: `movement ${m.id} says on hand ${m.on_hand_after} / reserved ${m.reserved_after}; the one before it implies ${expected} / ${expectedReserved}`,
    };
  });
}

/** Active reservations of orders that no longer hold stock: reserved stock nobody will ever release. */
async function orphanReservations(trx: Knex.Transaction, skus: Map<string, string>): Promise<Violation[]> {
  const rows: Row[] = await trx('reservations as r')
    .join('orders as o', 'o.id', 'r.order_id')
    .where('r.status', 'active')
    .whereIn('o.status', ORDER_STATUSES.filter((s) => !holdsReservation(s)))
    .select('r.product_id', 'r.order_id', 'r.quantity', 'o.status');
  return rows.map((r) => ({
    productId: String(r.product_id),
    sku: skus.get(String(r.product_id)) ?? '?',
    check: 'orphan_reservation' as const,
    expected: 0,
    actual: fromDb.int(r.quantity),
    ref: String(r.order_id),
    detail: `order ${r.order_id} is ${r.status} but still holds an active reservation of ${r.quantity}`,
  }));
}

/** Per order and product, stock returned to the shelf beyond what the order committed (sold). */
async function overReturned(trx: Knex.Transaction, skus: Map<string, string>): Promise<Violation[]> {
  const returned = trx('inventory_movements').where({ kind: 'return' }).groupBy('order_id', 'product_id').select('order_id', 'product_id').sum({ quantity: 'delta_on_hand' }).as('m');
  const rows: Row[] = await trx
    .from(returned)
    .leftJoin('reservations as r', (j) => j.on('r.order_id', '=', 'm.order_id').andOn('r.product_id', '=', 'm.product_id').andOnVal('r.status', '=', 'committed'))
    .select('m.order_id', 'm.product_id', 'm.quantity', { sold: 'r.quantity' })
    .whereRaw('m.quantity > COALESCE(r.quantity, 0)');
  return rows.map((r) => ({
    productId: String(r.product_id),
    sku: skus.get(String(r.product_id)) ?? '?',
    check: 'returned_exceeds_sold' as const,
    expected: fromDb.int(r.sold),
    actual: fromDb.int(r.quantity),
    ref: String(r.order_id),
    detail: `order ${r.order_id} returned ${r.quantity} to the shelf but committed ${fromDb.int(r.sold)}`,
  }));
}
