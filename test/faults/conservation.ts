import type { Knex } from 'knex';
import { holdsReservation, type OrderStatus } from '../../domain/order-status';
import { fromDb } from '../../lib/db';
import { auditInventory, type Violation } from '../../store/audit-inventory';

/**
 * What a fault must never break, read straight from the database after the
 * fault has passed: every order the API answered 201 for exists, no order
 * holds stock it should have let go, no stock step was applied twice, stock
 * adds up (opening stock = on hand + units committed) and the inventory
 * audit finds nothing. Scoped to the products and customers a test made, as
 * other test files share the database.
 */
export interface Scope {
  /** ids of every order the API answered 201 for */
  created: Set<string>;
  customerIds: string[];
  productIds: string[];
  /** how long past its expiry a reservation may still be active (the timer has to fire and the release commit) */
  expiryGraceMs?: number;
}

export interface Conservation {
  found: number;
  /** orders of the test's customers that no 201 answered for (a POST that got 503 and was never retried) */
  unanswered: number;
  /** units still reserved by orders that ended (expired, cancelled, failed, ...) */
  reservedLeft: number;
  /** units still reserved past their expiry plus the grace */
  overdueHeld: number;
  duplicateMovements: number;
  /** products whose opening stock differs from on hand + units committed */
  unbalancedProducts: number;
  violations: Violation[];
}

export async function checkConservation(db: Knex, scope: Scope): Promise<Conservation> {
  const ids = [...scope.created];
  const found = ids.length === 0 ? 0 : fromDb.int((await db('orders').whereIn('id', ids).count({ n: '*' }).first())?.n);
  const orders: { id: string; status: OrderStatus }[] = await db('orders').whereIn('customer_id', scope.customerIds).select('id', 'status');
  const unanswered = orders.filter((o) => !scope.created.has(o.id)).length;
  const ended = orders.filter((o) => !holdsReservation(o.status)).map((o) => o.id);

  const active = db('reservations').whereIn('product_id', scope.productIds).where({ status: 'active' });
  const reservedLeft = ended.length === 0 ? 0 : fromDb.int((await active.clone().whereIn('order_id', ended).sum({ q: 'quantity' }).first())?.q);
  const overdueBefore = new Date(Date.now() - (scope.expiryGraceMs ?? 15_000));
  const overdueHeld = fromDb.int((await active.clone().where('expires_at', '<', overdueBefore).sum({ q: 'quantity' }).first())?.q);

  const duplicates = await db('inventory_movements')
    .whereIn('product_id', scope.productIds)
    .whereNotNull('order_id')
    .groupBy('kind', 'order_id', 'product_id')
    .havingRaw('COUNT(*) > 1')
    .select('kind', 'order_id', 'product_id');

  // Opening stock is each product's restock movement without an order; commits take units off the shelf for good.
  type Sum = { product_id: string; q: unknown };
  const opening: Sum[] = await db('inventory_movements').whereIn('product_id', scope.productIds).whereNull('order_id').groupBy('product_id').select('product_id').sum({ q: 'delta_on_hand' });
  const committed: Sum[] = await db('reservations').whereIn('product_id', scope.productIds).where({ status: 'committed' }).groupBy('product_id').select('product_id').sum({ q: 'quantity' });
  const onHand = await db('products').whereIn('id', scope.productIds).select('id', 'stock_on_hand');
  const sumOf = (rows: Sum[], id: string) => fromDb.int(rows.find((r) => r.product_id === id)?.q);
  const unbalancedProducts = onHand.filter((p) => sumOf(opening, p.id) !== fromDb.int(p.stock_on_hand) + sumOf(committed, p.id)).length;

  const products = new Set(scope.productIds);
  const violations = (await auditInventory(db)).violations.filter((v) => products.has(v.productId));
  return { found, unanswered, reservedLeft, overdueHeld, duplicateMovements: duplicates.length, unbalancedProducts, violations };
}

/** The one greppable line per fault test that the closing note quotes. */
export function conservationLine(fault: string, counts: Record<string, number | string>, c: Conservation): string {
  const fields = { ...counts, found: c.found, unanswered: c.unanswered, reserved_left: c.reservedLeft, overdue_held: c.overdueHeld, duplicate_movements: c.duplicateMovements, unbalanced_products: c.unbalancedProducts };
  const audit = c.violations.length === 0 ? 'clean' : `${c.violations.length}_violations`;
  return `faults: ${fault} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')} audit=${audit}`;
}

/** The assertions every fault test makes after its fault: nothing lost, nothing held, nothing twice, audit clean. */
export function expectConserved(c: Conservation, createdCount: number): void {
  expect(c.found).toBe(createdCount);
  expect(c.reservedLeft).toBe(0);
  expect(c.overdueHeld).toBe(0);
  expect(c.duplicateMovements).toBe(0);
  expect(c.unbalancedProducts).toBe(0);
  expect(c.violations).toEqual([]);
}
