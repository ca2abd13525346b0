import { randomUUID } from 'node:crypto';
import { DEFAULT_RULES } from '../../domain/rules-config';
import type { Actor } from '../../domain/order-view';
import { applyTransition } from '../../store/apply-transition';
import { insertOrder, type NewOrder } from '../../store/insert-order';
import { auditInventory } from '../../store/audit-inventory';
import { createCustomer, createProduct, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

/**
 * Many orders of one product committed or released at the same moment, on
 * MariaDB, straight through the write path (no workflow retry to hide a
 * deadlock): every transaction goes through the first time, none is chosen
 * as a deadlock victim, and the stock adds up.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(() => stack.close());

const STAFF: Actor = { type: 'admin', id: 'staff-locks' };
const ORDERS = 24;

function newOrder(id: string, customerId: string, productId: string): NewOrder {
  return {
    id, customerId, status: 'pending', paymentMethod: 'gcash',
    totals: { subtotalCentavos: 10_000, discountCentavos: 0, shippingFeeCentavos: 0, totalCentavos: 10_000, vatCentavos: 1_071 },
    promo: null, shippingAddress: {}, psgc: null, requiresVerification: false, warnings: [], notes: null, source: 'api',
    clientIp: null, userAgent: null, idempotencyKey: null, requestHash: 'h', reservationExpiresAt: new Date(Date.now() + 600_000),
    lines: [{ productId, sku: 'SKU', name: 'Dried Mangoes', unitPriceCentavos: 10_000, quantity: 1, lineTotalCentavos: 10_000 }],
    actor: STAFF, reason: 'order placed',
  };
}

async function deadlocks(): Promise<number> {
  const [rows] = (await stack.db.raw("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) as [{ Value: string }[]];
  return Number(rows[0].Value);
}

it('commits and releases many orders of one hot product at once without a single deadlock', async () => {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: ORDERS });
  const ids = Array.from({ length: ORDERS }, () => randomUUID());
  for (const id of ids) await stack.db.transaction((trx) => insertOrder(trx, newOrder(id, customer.id, productId), new Date()));
  expect((await product(stack, productId)).stockReserved).toBe(ORDERS);

  const before = await deadlocks();
  const outcomes = await Promise.allSettled(
    ids.map((orderId, i) =>
      stack.db.transaction((trx) =>
        applyTransition(
          trx,
          { orderId, action: i % 2 ? 'confirm' : 'cancel', from: 'pending', actor: STAFF, reason: null, requestIp: null, userAgent: null, carrier: null, trackingNumber: null, reservationExpiresAt: null },
          new Date(),
          DEFAULT_RULES,
        ),
      ),
    ),
  );
  const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason?.code ?? o));
  expect({ failures, deadlocks: (await deadlocks()) - before }).toEqual({ failures: [], deadlocks: 0 });
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: ORDERS / 2, stockReserved: 0 });
  const audit = await auditInventory(stack.db);
  expect(audit.violations.filter((v) => v.productId === productId)).toEqual([]);
});
