import { randomUUID } from 'node:crypto';
import { auditPayments } from '../../store/audit-payments';
import { reserveRefund } from '../../store/refund-store';
import { rawCall as call, eventually, product } from '../support/fixtures';
import { checkout, orderReaches, paymentsOf, placeOnlineOrder, refundsSettle } from '../support/payment-fixtures';
import { startStack, type Stack } from '../support/stack';

/** Refunds through the API, the refund workflow and the local gateway, on MariaDB. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ payments: true });
});
afterAll(() => stack.close());

async function paidOrder(opts: { quantity?: number } = {}) {
  const placed = await placeOnlineOrder(stack, opts);
  await checkout(placed.order.payment.checkoutUrl, 'pay');
  await orderReaches(stack, placed.order.id, 'confirmed');
  return placed;
}

const refund = (orderId: string, body: unknown, key: string | null = randomUUID()) =>
  call(stack, 'POST', `/v1/orders/${orderId}/refunds`, { token: stack.adminToken, body, headers: key ? { 'idempotency-key': key } : {} });

const intentOf = (orderId: string) => stack.provider!.intents().find((i) => i.reference === orderId)!;

describe('refunds', () => {
  it('refunds a paid order cancelled by staff through the gateway, and puts its stock back', async () => {
    const { order, productId } = await paidOrder({ quantity: 3 });
    const cancelled = await call(stack, 'POST', `/v1/orders/${order.id}/cancel`, { token: stack.adminToken, body: { reason: 'out of stock at the warehouse' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    const p = await refundsSettle(stack, order.id);
    expect(p.refunds).toMatchObject([{ status: 'succeeded', amountCentavos: order.totalCentavos }]);
    expect(p.payment).toMatchObject({ status: 'refunded', capturedCentavos: order.totalCentavos, refundedCentavos: order.totalCentavos });
    expect(p.ledger.map((l) => l.kind)).toEqual(['intent', 'capture', 'refund']);
    expect(p.ledger[2].providerRef).toMatch(/^re_/);
    expect(intentOf(order.id).refundedCentavos).toBe(order.totalCentavos);
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 0 });
  });

  it('refunds part of an order by amount with a reason, answering a resend with the same refund', async () => {
    const { order } = await paidOrder();
    const body = { amountCentavos: 3_000, reason: 'late delivery' };
    const first = await refund(order.id, body, 'partial-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ orderId: order.id, amountCentavos: 3_000, reason: 'late delivery', actor: { type: 'admin', id: 'staff-1' } });
    const again = await refund(order.id, body, 'partial-1');
    expect(again.body.id).toBe(first.body.id);
    const reused = await refund(order.id, { ...body, amountCentavos: 4_000 }, 'partial-1');
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const p = await refundsSettle(stack, order.id);
    expect(p.refunds).toMatchObject([{ status: 'succeeded', amountCentavos: 3_000 }]);
    expect(p.payment).toMatchObject({ status: 'partially_refunded', refundedCentavos: 3_000 });
    expect(intentOf(order.id).refundedCentavos).toBe(3_000);
  });

  it('refuses a refund above what is left of the capture, and one without an Idempotency-Key', async () => {
    const { order } = await paidOrder();
    const over = await refund(order.id, { amountCentavos: order.totalCentavos + 1, reason: 'too much' });
    expect(over.status).toBe(409);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.body).toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED', errors: [{ field: 'amountCentavos' }] });
    const keyless = await refund(order.id, { amountCentavos: 100, reason: 'x' }, null);
    expect(keyless.status).toBe(400);
    expect(keyless.body.code).toBe('VALIDATION_ERROR');
    expect((await call(stack, 'POST', `/v1/orders/${order.id}/refunds`, { token: (await placeOnlineOrder(stack)).customer.token, body: { amountCentavos: 1, reason: 'x' }, headers: { 'idempotency-key': 'k' } })).status).toBe(403);
    expect((await paymentsOf(stack, order.id)).refunds).toEqual([]);
  });

  it('lets only refunds that fit the capture through when ten race for it', async () => {
    const { order } = await paidOrder();
    const amount = Math.ceil(order.totalCentavos * 0.4);
    const answers = await Promise.all(Array.from({ length: 10 }, () => refund(order.id, { amountCentavos: amount, reason: 'race' })));
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(2);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'REFUND_EXCEEDS_CAPTURED')).toBe(true);
    const p = await eventually(async () => {
      const p = await paymentsOf(stack, order.id);
      expect(p.refunds.filter((r) => r.status === 'succeeded')).toHaveLength(2);
      return p;
    });
    expect(p.payment!.refundedCentavos).toBe(2 * amount);
    expect(intentOf(order.id).refundedCentavos).toBe(2 * amount);
    expect((await auditPayments(stack.db)).violations.filter((v) => v.orderId === order.id)).toEqual([]);
  });

  it('reserves refunds racing in twenty transactions at once only up to the capture', async () => {
    const { order } = await paidOrder();
    const amount = Math.ceil(order.totalCentavos * 0.3);
    const actor = { type: 'admin' as const, id: 'staff-1' };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stack.db
          .transaction((trx) => reserveRefund(trx, { orderId: order.id, amountCentavos: amount, reason: 'race', dedupeKey: `race:${order.id}:${i}`, actor }, new Date()))
          .then((r) => r.ok, () => 'error'),
      ),
    );
    expect(outcomes.filter((o) => o === true)).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'error')).toEqual([]);
    const summary = await stack.db('order_payments').where({ order_id: order.id }).first('refunded_centavos');
    expect(Number(summary.refunded_centavos)).toBe(3 * amount);
  });

  it('fails a refund the gateway keeps refusing for good: flagged critical, its amount refundable again', async () => {
    const { order } = await paidOrder();
    stack.provider!.refundFailure = 'error';
    try {
      const res = await refund(order.id, { amountCentavos: 2_000, reason: 'goodwill' });
      expect(res.status).toBe(201);
      const p = await refundsSettle(stack, order.id);
      expect(p.refunds).toMatchObject([{ status: 'failed', amountCentavos: 2_000 }]);
      expect(p.payment!.refundedCentavos).toBe(0);
      expect(p.ledger.map((l) => l.kind)).toEqual(['intent', 'capture', 'failure']);
    } finally {
      stack.provider!.refundFailure = null;
    }
    const errors = (await call(stack, 'GET', `/v1/errors?orderId=${order.id}`, { token: stack.adminToken })).body.data;
    expect(errors).toMatchObject([{ code: 'REFUND_FAILED', severity: 'critical', category: 'payment', resolved: false }]);
    expect((await refund(order.id, { amountCentavos: order.totalCentavos, reason: 'again, in full' })).status).toBe(201);
  });

  it('has the database refuse a payment summary with more refunded than captured', async () => {
    const { order } = await paidOrder();
    await expect(stack.db('order_payments').where({ order_id: order.id }).update({ refunded_centavos: order.totalCentavos + 1 })).rejects.toThrow(/CONSTRAINT|check/i);
    await expect(stack.db('payments').where({ order_id: order.id }).update({ amount_centavos: 1 })).rejects.toThrow(/append-only/);
  });
});
