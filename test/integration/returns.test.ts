import { auditInventory } from '../../store/audit-inventory';
import { act, reply } from '../support/api';
import { createCustomer, createProduct, eventually, orderBody, product, rawCall } from '../support/fixtures';
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
  const placed = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId: a, quantity: 3 }, { productId: b, quantity: 2 }], { paymentMethod: method }) }));
  expect(placed.status).toBe(201);
  const id = placed.body.id;
  if (method === 'gcash') {
    await checkout(placed.body.payment.checkoutUrl, 'pay');
    await orderReaches(stack, id, 'confirmed');
  } else {
    expect((await act(stack.api(stack.adminToken), id, 'confirm')).status).toBe(200);
  }
  expect((await act(stack.api(stack.adminToken), id, 'ship', SHIPMENT)).status).toBe(200);
  expect((await act(stack.api(stack.adminToken), id, 'deliver')).status).toBe(200);
  return { id, customer, a, b, total: placed.body.totalCentavos as number };
}

type ReturnLine = { productId: string; quantity: number; reason: string };
const requestReturn = (orderId: string, token: string, lines: ReturnLine[], key?: string) =>
  reply(stack.api(token).POST('/v1/orders/{id}/returns', { params: { path: { id: orderId }, ...(key ? { header: { 'idempotency-key': key } } : {}) }, body: { lines } }));
const approve = (id: string, token: string) => reply(stack.api(token).POST('/v1/returns/{id}/approve', { params: { path: { id } }, body: {} }));
const reject = (id: string, reason: string) => reply(stack.api(stack.adminToken).POST('/v1/returns/{id}/reject', { params: { path: { id } }, body: { reason } }));
const shipBack = (id: string, token: string, body: { carrier: string; trackingNumber: string }) => reply(stack.api(token).POST('/v1/returns/{id}/ship-back', { params: { path: { id } }, body }));
const receive = (id: string, outcomes: Record<string, 'restock' | 'damaged'>, key: string) =>
  reply(stack.api(stack.adminToken).POST('/v1/returns/{id}/receive', { params: { path: { id }, header: { 'idempotency-key': key } }, body: { outcomes } }));
const returnOf = (id: string, token: string) => reply(stack.api(token).GET('/v1/returns/{id}', { params: { path: { id } } }));

describe('a return of a delivered order', () => {
  it('is returned in part, restocked and refunded in part through the gateway, telling the shop at each step', async () => {
    // A shop system subscribed to the money and return events (nothing listens at its URL: only the queued events are checked).
    const sub = await reply(stack.api(stack.adminToken).POST('/v1/webhooks/subscriptions', { body: { url: 'https://shop.invalid/hooks', events: ['order.paid', 'order.refunded', 'return.*'] } }));
    expect(sub.status).toBe(201);
    const o = await deliveredOrder('gcash');
    const requested = await requestReturn(o.id, o.customer.token, [{ productId: o.a, quantity: 2, reason: 'wrong size' }, { productId: o.b, quantity: 1, reason: 'arrived broken' }], 'ret-1');
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'requested', refundCentavos: 25_000 });
    const rid = requested.body.id;

    expect((await approve(rid, stack.adminToken)).body.status).toBe('approved');
    expect((await shipBack(rid, o.customer.token, { carrier: 'J&T', trackingNumber: 'JT-9' })).body).toMatchObject({ status: 'shipped_back', trackingNumber: 'JT-9' });
    const received = await receive(rid, { [o.a]: 'restock', [o.b]: 'damaged' }, 'recv-1');
    expect(received.status).toBe(200);
    expect(received.body.status).toBe('received');
    // A resend of the receipt moves nothing twice.
    expect((await receive(rid, { [o.a]: 'restock', [o.b]: 'damaged' }, 'recv-1')).status).toBe(200);

    // 2 of A back on the shelf (7 + 2); B written off (still 8).
    expect(await product(stack, o.a)).toMatchObject({ stockOnHand: 9, stockReserved: 0 });
    expect(await product(stack, o.b)).toMatchObject({ stockOnHand: 8 });
    const movements = (await reply(stack.api(stack.adminToken).GET('/v1/products/{id}/movements', { params: { path: { id: o.a } } }))).body.data;
    expect(movements[0]).toMatchObject({ kind: 'return', deltaOnHand: 2, orderId: o.id });

    const refunded = await eventually(async () => {
      const r = (await returnOf(rid, o.customer.token)).body;
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
    await reply(stack.api(stack.adminToken).PATCH('/v1/webhooks/subscriptions/{id}', { params: { path: { id: sub.body.id } }, body: { active: false } }));
  });

  it('records the refund of a cash-on-delivery order as paid out by staff', async () => {
    const o = await deliveredOrder('cod');
    const rid = (await requestReturn(o.id, o.customer.token, [{ productId: o.b, quantity: 2, reason: 'not as pictured' }])).body.id;
    await approve(rid, stack.adminToken);
    await receive(rid, { [o.b]: 'restock' }, 'recv-cod');
    const p = await eventually(async () => {
      const p = await paymentsOf(stack, o.id);
      expect(p.refunds).toMatchObject([{ status: 'succeeded', amountCentavos: 10_000 }]);
      return p;
    });
    expect(p.ledger.map((l) => `${l.kind}/${l.provider}/${l.amountCentavos}`)).toEqual([`capture/cod/${o.total}`, 'refund/cod/10000']);
    expect((await returnOf(rid, stack.adminToken)).body.status).toBe('refunded');
  });

  it('refuses more than was ordered across returns, and frees the quantity of a rejected return', async () => {
    const o = await deliveredOrder('cod');
    const first = await requestReturn(o.id, o.customer.token, [{ productId: o.a, quantity: 2, reason: 'too many' }]);
    expect(first.status).toBe(201);
    const over = await requestReturn(o.id, o.customer.token, [{ productId: o.a, quantity: 2, reason: 'again' }]);
    expect(over.status).toBe(422);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.body).toMatchObject({ code: 'RETURN_QUANTITY_EXCEEDED', errors: [{ code: 'RETURN_QUANTITY_EXCEEDED', field: 'lines.0.quantity' }] });

    expect((await reject(first.body.id, 'used')).body.status).toBe('rejected');
    expect((await requestReturn(o.id, o.customer.token, [{ productId: o.a, quantity: 3, reason: 'all of them' }])).status).toBe(201);
    // A rejected return goes nowhere else; a customer cannot approve.
    expect((await approve(first.body.id, stack.adminToken)).body.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('refuses a return of an order not delivered, or past the return window', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const placed = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { paymentMethod: 'cod' }) }));
    const early = await requestReturn(placed.body.id, customer.token, [{ productId, quantity: 1, reason: 'x' }]);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('RETURN_NOT_ALLOWED');

    const o = await deliveredOrder('cod');
    const window = stack.config.payments.returnWindowDays;
    stack.config.payments.returnWindowDays = 0;
    try {
      const late = await requestReturn(o.id, o.customer.token, [{ productId: o.a, quantity: 1, reason: 'x' }]);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('RETURN_WINDOW_CLOSED');
    } finally {
      stack.config.payments.returnWindowDays = window;
    }
  });

  it("hides another customer's return and keeps approval and receipt to staff", async () => {
    const o = await deliveredOrder('cod');
    const rid = (await requestReturn(o.id, o.customer.token, [{ productId: o.a, quantity: 1, reason: 'x' }])).body.id;
    const other = await createCustomer(stack);
    expect((await returnOf(rid, other.token)).body.code).toBe('RETURN_NOT_FOUND');
    expect((await approve(rid, o.customer.token)).status).toBe(403);
    // Without its required Idempotency-Key: a request the typed client would not send, so it goes raw.
    expect((await rawCall(stack, 'POST', `/v1/returns/${rid}/receive`, { token: stack.adminToken, body: { outcomes: {} } })).status).toBe(400);
  });
});
