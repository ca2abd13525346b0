import { createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('an order through the API, Temporal and MariaDB', () => {
  it('is created pending with its stock reserved, then confirmed with the stock committed', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { priceCentavos: 25_000, stockOnHand: 10 });

    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 3 }]) }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'pending',
      customerId: customer.id,
      subtotalCentavos: 75_000,
      shippingFeeCentavos: 10_000,
      totalCentavos: 85_000,
      vatCentavos: 9_107,
      currency: 'PHP',
      items: [{ productId, quantity: 3, unitPriceCentavos: 25_000, lineTotalCentavos: 75_000 }],
    });
    expect(created.body.shippingAddress.phone).toBe('+639171234567');
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 3, stockAvailable: 7 });

    const confirmed = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 7, stockReserved: 0 });

    const fetched = await reply(stack.api(customer.token).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }));
    expect(fetched.body.history.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual([
      [null, 'pending'],
      ['pending', 'confirmed'],
    ]);
    expect(fetched.body.history[1].actor).toEqual({ type: 'admin', id: 'staff-1' });

    // No SMTP or SMS provider is configured here: each step's notifications are recorded as skipped.
    const notes = await eventually(async () => {
      const res = await reply(stack.api(customer.token).GET('/v1/orders/{id}/notifications', { params: { path: { id: created.body.id } } }));
      expect(res.body.data).toHaveLength(4);
      return res.body.data as { event: string; channel: string; status: string }[];
    });
    expect(notes.map((n) => `${n.event}/${n.channel}/${n.status}`).sort()).toEqual([
      'confirmed/email/skipped',
      'confirmed/sms/skipped',
      'created/email/skipped',
      'created/sms/skipped',
    ]);
  });

  it('releases the reserved stock when the order is cancelled', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { stockOnHand: 5 });
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }]) }));
    expect((await product(stack, productId)).stockReserved).toBe(2);

    const cancelled = await reply(stack.api(customer.token).POST('/v1/orders/{id}/cancel', { params: { path: { id: created.body.id } }, body: { reason: 'changed my mind' } }));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 5, stockReserved: 0 });
  });

  it('refuses to confirm a cancelled order and changes nothing', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { stockOnHand: 5 });
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
    await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/cancel', { params: { path: { id: created.body.id } }, body: {} }));

    const refused = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVALID_STATE_TRANSITION');
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 5, stockReserved: 0 });
  });

  it('answers 422 with every rule broken, reserving nothing', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { stockOnHand: 2 });
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 5 }, { productId: 'no-such-product', quantity: 1 }], { paymentMethod: 'bitcoin' }) }));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('ORDER_REJECTED');
    expect(res.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['INSUFFICIENT_STOCK', 'INVALID_PAYMENT_METHOD', 'PRODUCT_NOT_FOUND']);
    expect((await product(stack, productId)).stockReserved).toBe(0);
  });

  it("hides another customer's order as not found and refuses a customer's confirm", async () => {
    const owner = await createCustomer(stack);
    const other = await createCustomer(stack);
    const productId = await createProduct(stack);
    const created = await reply(stack.api(owner.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));

    expect((await reply(stack.api(other.token).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }))).status).toBe(404);
    expect((await reply(stack.api(other.token).POST('/v1/orders/{id}/cancel', { params: { path: { id: created.body.id } }, body: {} }))).status).toBe(404);
    expect((await reply(stack.api(owner.token).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }))).status).toBe(403);
    expect((await reply(stack.api().GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }))).status).toBe(401);
  });
});
