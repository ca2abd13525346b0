import { createCustomer, createProduct, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { act, reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const ORDERS = 8;

it('counts every one of 8 orders of one customer delivered at once: total, order count and tier', async () => {
  const customer = await createCustomer(stack);
  // ₱1,250 + ₱100 shipping = ₱1,350 an order: 8 make ₱10,800 (silver), 7 only ₱9,450 (bronze),
  // so a lost update shows in the tier as well as in the total.
  const productId = await createProduct(stack, { priceCentavos: 125_000, stockOnHand: 100 });
  const placed: { id: string; totalCentavos: number }[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
    expect(res.status).toBe(201);
    placed.push(res.body);
  }
  const admin = stack.api(stack.adminToken);
  for (const o of placed) {
    expect((await act(admin, o.id, 'confirm')).status).toBe(200);
    expect((await act(admin, o.id, 'ship', { carrier: 'LBC', trackingNumber: `T-${o.id}` })).status).toBe(200);
  }

  const delivered = await Promise.all(placed.map((o) => act(admin, o.id, 'deliver')));
  expect(delivered.map((r) => r.status)).toEqual(Array(ORDERS).fill(200));

  const sum = placed.reduce((s, o) => s + o.totalCentavos, 0);
  expect(sum).toBe(1_080_000);
  const stats = (await reply(admin.GET('/v1/customers/{id}', { params: { path: { id: customer.id } } }))).body;
  expect(stats).toMatchObject({ totalSpentCentavos: sum, ordersCount: ORDERS, tier: 'silver' });
});
