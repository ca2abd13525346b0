import { mintToken } from '../../lib/tokens';
import { rawCall, createCustomer, createProduct, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const expectProblem = (res: { status: number; body: any; headers: Record<string, unknown> }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|SELECT|stack/i);
};

describe('malformed requests get a 4xx problem+json, never a 5xx', () => {
  it('rejects malformed JSON with 400 VALIDATION_ERROR', async () => {
    const customer = await createCustomer(stack);
    const res = await stack.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/json' },
      payload: '{"items": [',
    });
    expectProblem({ status: res.statusCode, body: JSON.parse(res.body), headers: res.headers }, 400, 'VALIDATION_ERROR');
  });

  it('names the field path of wrong types and unknown fields', async () => {
    const customer = await createCustomer(stack);
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: { items: [{ productId: 'p', quantity: 'two' }], paymentMethod: 'cod', shippingAddress: { city: 5 }, coupon: 'X' } as never }));
    expectProblem(res, 400, 'VALIDATION_ERROR');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['items.0.quantity', 'shippingAddress.city', 'coupon']));
  });

  it('rejects oversized strings before any rule runs', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { notes: 'x'.repeat(501) }) }));
    expectProblem(res, 400, 'VALIDATION_ERROR');
    expect(res.body.errors[0].field).toBe('notes');
  });

  it('answers 401 without a token or with a token signed by another secret', async () => {
    expectProblem(await reply(stack.api().GET('/v1/orders')), 401, 'UNAUTHENTICATED');
    expectProblem(await reply(stack.api(mintToken('another-secret-entirely-0123456789', 'x', 'admin')).GET('/v1/orders')), 401, 'UNAUTHENTICATED');
  });

  it('answers 403 to a customer on an admin endpoint', async () => {
    const customer = await createCustomer(stack);
    expectProblem(await reply(stack.api(customer.token).POST('/v1/products', { body: {} as never })), 403, 'FORBIDDEN');
  });

  it('answers 404 problems for unknown orders, products and routes', async () => {
    expectProblem(await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: 'nope' } } })), 404, 'ORDER_NOT_FOUND');
    expectProblem(await reply(stack.api(stack.adminToken).GET('/v1/products/{id}', { params: { path: { id: 'nope' } } })), 404, 'PRODUCT_NOT_FOUND');
    expectProblem(await rawCall(stack, 'GET', '/v1/nowhere', { token: stack.adminToken }), 404, 'NOT_FOUND');
  });

  it('refuses a ship without carrier and a bad list cursor with 400', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
    expectProblem(await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/ship', { params: { path: { id: created.body.id } }, body: {} as never })), 400, 'VALIDATION_ERROR');
    expectProblem(await reply(stack.api(stack.adminToken).GET('/v1/orders', { params: { query: { cursor: '!!' } } })), 400, 'VALIDATION_ERROR');
    expectProblem(await reply(stack.api(stack.adminToken).GET('/v1/orders', { params: { query: { limit: 1000 } } })), 400, 'VALIDATION_ERROR');
  });

  it('refuses stock below what is reserved with 409', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { stockOnHand: 5 });
    await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 4 }]) }));
    expectProblem(await reply(stack.api(stack.adminToken).POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: -2, reason: 'damaged' } })), 409, 'STOCK_BELOW_RESERVED');
  });
});

describe('order lists', () => {
  it('pages newest first with a cursor and shows customers only their own orders', async () => {
    const a = await createCustomer(stack);
    const b = await createCustomer(stack);
    const productId = await createProduct(stack);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await reply(stack.api(a.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 + i }]) }))).body.id);
    }
    await reply(stack.api(b.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));

    const page1 = await reply(stack.api(a.token).GET('/v1/orders', { params: { query: { limit: 2 } } }));
    expect(page1.body.data.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    const page2 = await reply(stack.api(a.token).GET('/v1/orders', { params: { query: { limit: 2, cursor: page1.body.nextCursor } } }));
    expect(page2.body.data.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(page2.body.nextCursor).toBeNull();
    const asAdmin = await reply(stack.api(stack.adminToken).GET('/v1/orders', { params: { query: { customerId: a.id, status: 'pending', limit: 10 } } }));
    expect(asAdmin.body.data).toHaveLength(3);
  });
});

it('serves the OpenAPI document generated from the zod schemas', async () => {
  const res = await rawCall(stack, 'GET', '/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
  const post = res.body.paths['/v1/orders'].post;
  expect(JSON.stringify(post.requestBody)).toContain('expectedTotalCentavos');
  expect((await reply(stack.api().GET('/healthz'))).body).toEqual({ status: 'ok' });
  expect((await reply(stack.api().GET('/readyz'))).body).toMatchObject({ status: 'ready' });
});
