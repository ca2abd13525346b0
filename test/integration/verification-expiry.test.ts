import { createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { ageAccount } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  // Its own stack: a verification window of two seconds would expire the held orders of other tests.
  stack = await startStack({ env: { VERIFICATION_TTL_SECONDS: '2' } });
});
afterAll(() => stack.close());

it('expires an order nobody verified within its verification window and releases its stock', async () => {
  const customer = await createCustomer(stack);
  await ageAccount(stack, customer.id);
  const productId = await createProduct(stack, { priceCentavos: 2_600_000, stockOnHand: 2 });
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }], { paymentMethod: 'cod' }) }));
  expect(created.body.status).toBe('awaiting_verification');
  const window = Date.parse(created.body.reservationExpiresAt) - Date.parse(created.body.createdAt);
  expect(window).toBeGreaterThanOrEqual(1_500);
  expect(window).toBeLessThanOrEqual(2_500);

  const expired = await eventually(async () => {
    const res = await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }));
    expect(res.body.status).toBe('expired');
    return res.body;
  });
  expect(expired.history.at(-1)).toMatchObject({ from: 'awaiting_verification', to: 'expired', actor: { type: 'system' } });
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 2, stockReserved: 0 });
  const late = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/verify', { params: { path: { id: created.body.id } } }));
  expect(late.status).toBe(409);
});
