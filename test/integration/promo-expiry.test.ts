import { createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { createPromo, promo, redemptionOf } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  // Its own stack: a reservation of two seconds would expire the orders of other tests.
  stack = await startStack({ env: { RESERVATION_TTL_SECONDS: '2' } });
});
afterAll(() => stack.close());

it('releases the promo redemption with the stock when the reservation expires', async () => {
  const { id, code } = await createPromo(stack, { usageLimit: 1, perCustomerLimit: 1 });
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 3 });
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 3 }], { promoCode: code }) }));
  expect(created.status).toBe(201);
  expect((await promo(stack, id)).redemptionsCount).toBe(1);

  await eventually(async () => expect((await reply(stack.api(customer.token).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }))).body.status).toBe('expired'));
  expect(await redemptionOf(stack, created.body.id)).toMatchObject({ status: 'released' });
  expect((await promo(stack, id)).redemptionsCount).toBe(0);
  expect(await stack.db('promo_customer_usage').where({ promo_id: id, customer_id: customer.id }).first()).toMatchObject({ used: 0 });
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 3, stockReserved: 0 });
});
