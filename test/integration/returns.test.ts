import { auditInventory } from '../../store/audit-inventory';
import { rawCall as call, createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { checkout, orderOf, orderReaches, paymentsOf } from '../support/payment-fixtures';
import { startStack, type Stack } from '../support/stack';

/** Returns of delivered orders through the API, the refund workflow and the local payment gateway, on MariaDB. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ payments: true });
});
afterAll(() => stack.close());

const SHIPMENT = { carrier: 'LBC', trackingNumber: 'LBC-1' };

/** A delivered order of 3 x A (100.00) and 2 x B (50.00), paid as `method` says. */
async function deliveredOrder(method: 'gcash' | 'cod') {
  const customer = await createCustomer(stack);
  const a = await createProduct(stack, { priceCentavos: 10_000, stockOnHand: 10 });
  const b = await createProduct(stack, { priceCentavos: 5_000, stockOnHand: 10 });
  const placed = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId: a, quantity: 3 }, { productId: b, quantity: 2 }], { paymentMethod: method }) });
  expect(placed.status).toBe(201);
  const id = placed.body.id;
  if (method === 'gcash') {
    await checkout(placed.body.payment.checkoutUrl, 'pay');
    await orderReaches(stack, id, 'confirmed');
  } else {
    expect((await call(stack, 'POST', `/v1/orders/${id}/confirm`, { token: stack.adminToken })).status).toBe(200);
  }
  expect((await call(stack, 'POST', `/v1/orders/${id}/ship`, { token: stack.adminToken, body: SHIPMENT })).status).toBe(200);
  expect((await call(stack, 'POST', `/v1/orders/${id}/deliver`, { token: stack.adminToken })).status).toBe(200);
  return { id, customer, a, b, total: placed.body.totalCentavos as number };
}

const post = (url: string, token: string, body?: unknown, key?: string) => call(stack, 'POST', url, { token, body, headers: key ? { 'idempotency-key': key } : {} });

describe('a return of a delivered order', () => {
  it('is returned in part, restocked and refunded in part through the gateway, telling the shop at each step', async () => {
    // A shop system subscribed to the money and return events (nothing listens at its URL: only the queued events are checked).
    const sub = await call(stack, 'POST', '/v1/webhooks/subscriptions', { token: stack.adminToken, body: { url: 'https://shop.invalid/hooks', events: ['order.paid', 'order.refunded', 'return.*'] } });
    expect(sub.status).toBe(201);
    const o = await deliveredOrder('gcash');
    const requested = await post(`/v1/orders/${o.id}/returns`, o.customer.token, { lines: [{ productId: o.a, quantity: 2, reason: 'wrong size' }, { productId: o.b, quantity: 1, reason: 'arrived broken' }] }, 'ret-1');
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'requested', refundCentavos: 25_000 });
    const rid = requested.body.id;

    expect((await post(`/v1/returns/${rid}/approve`, stack.adminToken, {})).body.status).toBe('approved');
    expect((await post(`/v1/returns/${rid}/ship-back`, o.customer.token, { carrier: 'J&T', trackingNumber: 'JT-9' })).body).toMatchObject({ status: 'shipped_back', trackingNumber: 'JT-9' });
    const received = await post(`/v1/returns/${rid}/receive`, stack.adminToken, { outcomes: { [o.a]: 'restock', [o.b]: 'damaged' } }, 'recv-1');
    expect(received.status).toBe(200);
    expect(received.body.status).toBe('received');
    // A resend of the receipt moves nothing twice.
    expect((await post(`/v1/returns/${rid}/receive`, stack.adminToken, { outcomes: { [o.a]: 'restock', [o.b]: 'damaged' } }, 'recv-1')).status).toBe(200);

    // 2 of A back on the shelf (7 + 2); B written off (still 8).
    expect(await product(stack, o.a)).toMatchObject({ stockOnHand: 9, stockReserved: 0 });
    expect(await product(stack, o.b)).toMatchObject({ stockOnHand: 8 });
    const movements = (await call(stack, 'GET', `/v1/products/${o.a}/movements`, { token: stack.adminToken })).body.data;
    expect(movements[0]).toMatchObject({ kind: 'return', deltaOnHand: 2, orderId: o.id });

    const refunded = await eventually(async () => {
      const r = (await call(stack, 'GET', `/v1/returns/${rid}`, { token: o.customer.token })).body;
      expect(r.status).toBe('refunded');
      return r;
    });
    expect(refunded.history.map((h: { to: string }) => h.to)).toEqual(['requested', 'approved', 'shipped_back', 'received', 'refunded']);
    const p = await paymentsOf(stack, o.id);
    expect(p.payment).toMatchObject({ status: 'partially_refunded', capturedCentavos: o.total, refundedCentavos: 25_000 });
    expect(p.ledger.filter((l) => l.kind === 'refund').map((l) => l.amountCentavos)).toEqual([25_000]);
    expect(stack.provider!.intents().find((i) => i.reference === o.id)?.refundedCentavos).toBe(25_000);
    expect((await orderOf(stack, o.id)).status).toBe('delivered');
    expect((await auditInventory(stack.db)).violations.filter((v) => [o.a, o.b].includes(v.productId))).toEqual([]);

    const events = await stack.db('webhook_events').where({ order_id: o.id }).orderBy('id').pluck('type');
    expect(events).toEqual(['order.paid', 'return.requested', 'return.approved', 'return.received', 'order.refunded', 'return.refunded']);
    await call(stack, 'PATCH', `/v1/webhooks/subscriptions/${sub.body.id}`, { token: stack.adminToken, body: { active: false } });
  });

  it('records the refund of a cash-on-delivery order as paid out by staff', async () => {
    const o = await deliveredOrder('cod');
    const rid = (await post(`/v1/orders/${o.id}/returns`, o.customer.token, { lines: [{ productId: o.b, quantity: 2, reason: 'not as pictured' }] })).body.id;
    await post(`/v1/returns/${rid}/approve`, stack.adminToken, {});
    await post(`/v1/returns/${rid}/receive`, stack.adminToken, { outcomes: { [o.b]: 'restock' } }, 'recv-cod');
    const p = await eventually(async () => {
      const p = await paymentsOf(stack, o.id);
      expect(p.refunds).toMatchObject([{ status: 'succeeded', amountCentavos: 10_000 }]);
      return p;
    });
    expect(p.ledger.map((l) => `${l.kind}/${l.provider}/${l.amountCentavos}`)).toEqual([`capture/cod/${o.total}`, 'refund/cod/10000']);
    expect((await call(stack, 'GET', `/v1/returns/${rid}`, { token: stack.adminToken })).body.status).toBe('refunded');
  });

  it('refuses more than was ordered across returns, and frees the quantity of a rejected return', async () => {
    const o = await deliveredOrder('cod');
    const first = await post(`/v1/orders/${o.id}/returns`, o.customer.token, { lines: [{ productId: o.a, quantity: 2, reason: 'too many' }] });
    expect(first.status).toBe(201);
    const over = await post(`/v1/orders/${o.id}/returns`, o.customer.token, { lines: [{ productId: o.a, quantity: 2, reason: 'again' }] });
    expect(over.status).toBe(422);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.body).toMatchObject({ code: 'RETURN_QUANTITY_EXCEEDED', errors: [{ code: 'RETURN_QUANTITY_EXCEEDED', field: 'lines.0.quantity' }] });

    expect((await post(`/v1/returns/${first.body.id}/reject`, stack.adminToken, { reason: 'used' })).body.status).toBe('rejected');
    expect((await post(`/v1/orders/${o.id}/returns`, o.customer.token, { lines: [{ productId: o.a, quantity: 3, reason: 'all of them' }] })).status).toBe(201);
    // A rejected return goes nowhere else; a customer cannot approve.
    expect((await post(`/v1/returns/${first.body.id}/approve`, stack.adminToken, {})).body.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('refuses a return of an order not delivered, or past the return window', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const placed = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }], { paymentMethod: 'cod' }) });
    const early = await post(`/v1/orders/${placed.body.id}/returns`, customer.token, { lines: [{ productId, quantity: 1, reason: 'x' }] });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('RETURN_NOT_ALLOWED');

    const o = await deliveredOrder('cod');
    const window = stack.config.payments.returnWindowDays;
    stack.config.payments.returnWindowDays = 0;
    try {
      const late = await post(`/v1/orders/${o.id}/returns`, o.customer.token, { lines: [{ productId: o.a, quantity: 1, reason: 'x' }] });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('RETURN_WINDOW_CLOSED');
    } finally {
      stack.config.payments.returnWindowDays = window;
    }
  });

  it("hides another customer's return and keeps approval and receipt to staff", async () => {
    const o = await deliveredOrder('cod');
    const rid = (await post(`/v1/orders/${o.id}/returns`, o.customer.token, { lines: [{ productId: o.a, quantity: 1, reason: 'x' }] })).body.id;
    const other = await createCustomer(stack);
    expect((await call(stack, 'GET', `/v1/returns/${rid}`, { token: other.token })).body.code).toBe('RETURN_NOT_FOUND');
    expect((await post(`/v1/returns/${rid}/approve`, o.customer.token, {})).status).toBe(403);
    expect((await post(`/v1/returns/${rid}/receive`, stack.adminToken, { outcomes: {} })).status).toBe(400);
  });
});
