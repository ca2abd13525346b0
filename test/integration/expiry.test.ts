import { createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { RESERVATION_TTL_SECONDS: '2' } });
});
afterAll(() => stack.close());

it('releases the stock when the reservation expires and refuses a confirm after it', async () => {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 4 });
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 4 }]) }));
  expect(created.status).toBe(201);
  const ttl = Date.parse(created.body.reservationExpiresAt) - Date.parse(created.body.createdAt);
  expect(ttl).toBeGreaterThanOrEqual(1_500);
  expect(ttl).toBeLessThanOrEqual(2_500);

  const expired = await eventually(async () => {
    const res = await reply(stack.api(customer.token).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }));
    expect(res.body.status).toBe('expired');
    return res.body;
  });
  expect(expired.history.at(-1)).toMatchObject({ from: 'pending', to: 'expired', actor: { type: 'system' } });
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 4, stockReserved: 0 });

  const late = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }));
  expect(late.status).toBe(409);
  expect(late.body.code).toBe('INVALID_STATE_TRANSITION');
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 4, stockReserved: 0 });
});
