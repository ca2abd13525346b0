import { call, createCustomer, createProduct, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

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
    const res = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }]) });
    expect(res.status).toBe(201);
    placed.push(res.body);
  }
  const admin = { token: stack.adminToken };
  for (const o of placed) {
    expect((await call(stack, 'POST', `/v1/orders/${o.id}/confirm`, admin)).status).toBe(200);
    expect((await call(stack, 'POST', `/v1/orders/${o.id}/ship`, { ...admin, body: { carrier: 'LBC', trackingNumber: `T-${o.id}` } })).status).toBe(200);
  }

  const delivered = await Promise.all(placed.map((o) => call(stack, 'POST', `/v1/orders/${o.id}/deliver`, admin)));
  expect(delivered.map((r) => r.status)).toEqual(Array(ORDERS).fill(200));

  const sum = placed.reduce((s, o) => s + o.totalCentavos, 0);
  expect(sum).toBe(1_080_000);
  const stats = (await call(stack, 'GET', `/v1/customers/${customer.id}`, admin)).body;
  expect(stats).toMatchObject({ totalSpentCentavos: sum, ordersCount: ORDERS, tier: 'silver' });
});
