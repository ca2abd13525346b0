import { createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('Idempotency-Key', () => {
  it('gives one order for 50 parallel identical POSTs with the same key', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { stockOnHand: 100 });
    const body = orderBody([{ productId, quantity: 2 }]);
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => reply(stack.api(customer.token).POST('/v1/orders', { body, headers: { 'idempotency-key': 'checkout-42' } }))),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(201));
    const ids = new Set(replies.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(await stack.db('orders').where({ customer_id: customer.id }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
    expect((await product(stack, productId)).stockReserved).toBe(2);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED when the same key comes with another body', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const first = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]), headers: { 'idempotency-key': 'k1' } }));
    expect(first.status).toBe(201);
    const second = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 3 }]), headers: { 'idempotency-key': 'k1' } }));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await product(stack, productId)).stockReserved).toBe(1);
  });

  it('answers a retry after the order finished with the same order, creating nothing', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const body = orderBody([{ productId, quantity: 1 }]);
    const headers = { 'idempotency-key': 'finished-1' };
    const first = await reply(stack.api(customer.token).POST('/v1/orders', { body, headers }));
    await reply(stack.api(customer.token).POST('/v1/orders/{id}/cancel', { params: { path: { id: first.body.id } } }));
    await stack.client.workflow.getHandle(`order-${first.body.id}`).result();

    const again = await reply(stack.api(customer.token).POST('/v1/orders', { body, headers }));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.status).toBe('cancelled');
    expect((await product(stack, productId)).stockReserved).toBe(0);
  });

  it('answers a retried rejected order with the same 422', async () => {
    const customer = await createCustomer(stack);
    const body = orderBody([{ productId: 'missing', quantity: 1 }]);
    const headers = { 'idempotency-key': 'rejected-1' };
    const first = await reply(stack.api(customer.token).POST('/v1/orders', { body, headers }));
    expect(first.status).toBe(422);
    const again = await reply(stack.api(customer.token).POST('/v1/orders', { body, headers }));
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual(first.body.errors);
  });

  it('keeps two customers using the same key apart', async () => {
    const a = await createCustomer(stack);
    const b = await createCustomer(stack);
    const productId = await createProduct(stack);
    const body = orderBody([{ productId, quantity: 1 }]);
    const headers = { 'idempotency-key': 'shared-key' };
    const ra = await reply(stack.api(a.token).POST('/v1/orders', { body, headers }));
    const rb = await reply(stack.api(b.token).POST('/v1/orders', { body, headers }));
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(ra.body.id).not.toBe(rb.body.id);
  });
});

describe('Idempotency-Key on actions', () => {
  it('answers a confirm resent with the same key with the first answer, and one without a key with 409', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { stockOnHand: 5 });
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
    const confirm = (headers: Record<string, string> = {}) => reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } }, headers }));
    const first = await confirm({ 'idempotency-key': 'confirm-1' });
    const again = await confirm({ 'idempotency-key': 'confirm-1' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect((await confirm()).status).toBe(409);
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 4, stockReserved: 0 });
  });
});
