import { call, createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sqlite: true });
});
afterAll(() => stack.close());

it('runs the happy path to confirmed on the embedded SQLite database', async () => {
  expect(stack.db.client.config.client).toBe('better-sqlite3');
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 3, priceCentavos: 50_000 });
  const created = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 3 }]) });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'pending', subtotalCentavos: 150_000, shippingFeeCentavos: 0, totalCentavos: 150_000 });
  expect(created.body.reservationExpiresAt).toMatch(/Z$/);

  const tooMuch = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }]) });
  expect(tooMuch.status).toBe(422);

  const confirmed = await call(stack, 'POST', `/v1/orders/${created.body.id}/confirm`, { token: stack.adminToken });
  expect(confirmed.body.status).toBe('confirmed');
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 0, stockReserved: 0 });
  const listed = await call(stack, 'GET', '/v1/orders?limit=5', { token: customer.token });
  expect(listed.body.data.map((o: { id: string }) => o.id)).toEqual([created.body.id]);
});
