import { mintToken } from '../../lib/tokens';
import { call, createCustomer, createProduct, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

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
    const res = await call(stack, 'POST', '/v1/orders', {
      token: customer.token,
      body: { items: [{ productId: 'p', quantity: 'two' }], paymentMethod: 'cod', shippingAddress: { city: 5 }, coupon: 'X' },
    });
    expectProblem(res, 400, 'VALIDATION_ERROR');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['items.0.quantity', 'shippingAddress.city', 'coupon']));
  });

  it('rejects oversized strings before any rule runs', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const res = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }], { notes: 'x'.repeat(501) }) });
    expectProblem(res, 400, 'VALIDATION_ERROR');
    expect(res.body.errors[0].field).toBe('notes');
  });

  it('answers 401 without a token or with a token signed by another secret', async () => {
    expectProblem(await call(stack, 'GET', '/v1/orders'), 401, 'UNAUTHENTICATED');
    expectProblem(await call(stack, 'GET', '/v1/orders', { token: mintToken('another-secret-entirely-0123456789', 'x', 'admin') }), 401, 'UNAUTHENTICATED');
  });

  it('answers 403 to a customer on an admin endpoint', async () => {
    const customer = await createCustomer(stack);
    expectProblem(await call(stack, 'POST', '/v1/products', { token: customer.token, body: {} }), 403, 'FORBIDDEN');
  });

  it('answers 404 problems for unknown orders, products and routes', async () => {
    expectProblem(await call(stack, 'GET', '/v1/orders/nope', { token: stack.adminToken }), 404, 'ORDER_NOT_FOUND');
    expectProblem(await call(stack, 'GET', '/v1/products/nope', { token: stack.adminToken }), 404, 'PRODUCT_NOT_FOUND');
    expectProblem(await call(stack, 'GET', '/v1/nowhere', { token: stack.adminToken }), 404, 'NOT_FOUND');
  });

  it('refuses a ship without carrier and a bad list cursor with 400', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const created = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }]) });
    expectProblem(await call(stack, 'POST', `/v1/orders/${created.body.id}/ship`, { token: stack.adminToken, body: {} }), 400, 'VALIDATION_ERROR');
    expectProblem(await call(stack, 'GET', '/v1/orders?cursor=!!', { token: stack.adminToken }), 400, 'VALIDATION_ERROR');
    expectProblem(await call(stack, 'GET', '/v1/orders?limit=1000', { token: stack.adminToken }), 400, 'VALIDATION_ERROR');
  });

  it('refuses stock below what is reserved with 409', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { stockOnHand: 5 });
    await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 4 }]) });
    expectProblem(await call(stack, 'POST', `/v1/products/${productId}/stock`, { token: stack.adminToken, body: { delta: -2, reason: 'damaged' } }), 409, 'STOCK_BELOW_RESERVED');
  });
});

describe('order lists', () => {
  it('pages newest first with a cursor and shows customers only their own orders', async () => {
    const a = await createCustomer(stack);
    const b = await createCustomer(stack);
    const productId = await createProduct(stack);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await call(stack, 'POST', '/v1/orders', { token: a.token, body: orderBody([{ productId, quantity: 1 + i }]) })).body.id);
    }
    await call(stack, 'POST', '/v1/orders', { token: b.token, body: orderBody([{ productId, quantity: 1 }]) });

    const page1 = await call(stack, 'GET', '/v1/orders?limit=2', { token: a.token });
    expect(page1.body.data.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    const page2 = await call(stack, 'GET', `/v1/orders?limit=2&cursor=${page1.body.nextCursor}`, { token: a.token });
    expect(page2.body.data.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(page2.body.nextCursor).toBeNull();
    const asAdmin = await call(stack, 'GET', `/v1/orders?customerId=${a.id}&status=pending&limit=10`, { token: stack.adminToken });
    expect(asAdmin.body.data).toHaveLength(3);
  });
});

it('serves the OpenAPI document generated from the zod schemas', async () => {
  const res = await call(stack, 'GET', '/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
  const post = res.body.paths['/v1/orders'].post;
  expect(JSON.stringify(post.requestBody)).toContain('expectedTotalCentavos');
  expect((await call(stack, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
  expect((await call(stack, 'GET', '/readyz')).body).toMatchObject({ status: 'ready' });
});
