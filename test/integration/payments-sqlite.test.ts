import { auditInventory } from '../../store/audit-inventory';
import { auditPayments } from '../../store/audit-payments';
import { rawCall as call } from '../support/fixtures';
import { checkout, orderReaches, paymentsOf, placeOnlineOrder, refundsSettle } from '../support/payment-fixtures';
import { startStack, type Stack } from '../support/stack';

/** The embedded default's database: the payment flow, the refund guard and the audit on SQLite. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sqlite: true, payments: true });
});
afterAll(() => stack.close());

it('pays a GCash order through the local provider, refunds it on cancel, and keeps the audit clean on SQLite', async () => {
  expect(stack.db.client.config.client).toBe('better-sqlite3');
  const { order } = await placeOnlineOrder(stack);
  await checkout(order.payment.checkoutUrl, 'pay');
  await orderReaches(stack, order.id, 'confirmed');
  expect((await call(stack, 'POST', `/v1/orders/${order.id}/cancel`, { token: stack.adminToken, body: {} })).status).toBe(200);
  const p = await refundsSettle(stack, order.id);
  expect(p.payment).toMatchObject({ status: 'refunded', capturedCentavos: order.totalCentavos, refundedCentavos: order.totalCentavos });
  expect((await auditPayments(stack.db)).violations).toEqual([]);
  expect((await auditInventory(stack.db)).violations).toEqual([]);
});

it('has SQLite refuse more refunded than captured and any change to the ledger', async () => {
  const { order } = await placeOnlineOrder(stack);
  await checkout(order.payment.checkoutUrl, 'pay');
  await orderReaches(stack, order.id, 'confirmed');
  await expect(stack.db('order_payments').where({ order_id: order.id }).update({ refunded_centavos: order.totalCentavos + 1 })).rejects.toThrow(/CHECK constraint/);
  await expect(stack.db('payments').where({ order_id: order.id }).delete()).rejects.toThrow(/append-only/);
  const over = await call(stack, 'POST', `/v1/orders/${order.id}/refunds`, { token: stack.adminToken, body: { amountCentavos: order.totalCentavos + 1, reason: 'x' }, headers: { 'idempotency-key': 'k1' } });
  expect(over.body.code).toBe('REFUND_EXCEEDS_CAPTURED');
  expect((await paymentsOf(stack, order.id)).payment!.refundedCentavos).toBe(0);
});
