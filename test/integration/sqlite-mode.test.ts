import { createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sqlite: true });
});
afterAll(() => stack.close());

it('runs the happy path to confirmed on the embedded SQLite database', async () => {
  expect(stack.db.client.config.client).toBe('better-sqlite3');
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 3, priceCentavos: 50_000 });
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 3 }]) }));
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'pending', subtotalCentavos: 150_000, shippingFeeCentavos: 0, totalCentavos: 150_000 });
  expect(created.body.reservationExpiresAt).toMatch(/Z$/);

  const tooMuch = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
  expect(tooMuch.status).toBe(422);

  const confirmed = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }));
  expect(confirmed.body.status).toBe('confirmed');
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 0, stockReserved: 0 });
  const listed = await reply(stack.api(customer.token).GET('/v1/orders', { params: { query: { limit: 5 } } }));
  expect(listed.body.data.map((o: { id: string }) => o.id)).toEqual([created.body.id]);
});
