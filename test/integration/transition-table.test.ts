import { nextStatus, REQUESTABLE_ACTIONS, type OrderAction, type OrderStatus } from '../../domain/order-status';
import { call, createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** How to bring a fresh order to each status through the API. */
const PATHS: Record<Exclude<OrderStatus, 'expired' | 'failed'>, OrderAction[]> = {
  awaiting_verification: [],
  pending: [],
  confirmed: ['confirm'],
  processing: ['confirm', 'processing'],
  shipped: ['confirm', 'ship'],
  delivered: ['confirm', 'ship', 'deliver'],
  cancelled: ['cancel'],
};
const bodyFor = (action: OrderAction) => (action === 'ship' ? { carrier: 'LBC', trackingNumber: 'T-1' } : undefined);

describe.each(Object.entries(PATHS) as [keyof typeof PATHS, OrderAction[]][])('an order that is %s', (status, path) => {
  it('refuses every action the status table does not allow with 409, changing nothing', async () => {
    const customer = await createCustomer(stack);
    // Cash on delivery above the verification threshold holds the order for verification.
    const held = status === 'awaiting_verification';
    const productId = await createProduct(stack, { stockOnHand: 10, priceCentavos: held ? 6_000_000 : 10_000 });
    const created = await call(stack, 'POST', '/v1/orders', {
      token: customer.token,
      body: orderBody([{ productId, quantity: 1 }], held ? { paymentMethod: 'cod' } : {}),
    });
    expect(created.body.status).toBe(held ? 'awaiting_verification' : 'pending');
    for (const action of path) {
      expect((await call(stack, 'POST', `/v1/orders/${created.body.id}/${action}`, { token: stack.adminToken, body: bodyFor(action) })).status).toBe(200);
    }
    const before = (await call(stack, 'GET', `/v1/orders/${created.body.id}`, { token: stack.adminToken })).body;
    expect(before.status).toBe(status);
    const stockBefore = await product(stack, productId);

    const refused = REQUESTABLE_ACTIONS.filter((a) => nextStatus(status, a, 'admin') === null);
    expect(refused.length).toBeGreaterThan(0);
    for (const action of refused) {
      const res = await call(stack, 'POST', `/v1/orders/${created.body.id}/${action}`, { token: stack.adminToken, body: bodyFor(action) });
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'INVALID_STATE_TRANSITION' });
    }
    const after = (await call(stack, 'GET', `/v1/orders/${created.body.id}`, { token: stack.adminToken })).body;
    expect(after).toEqual(before);
    expect(await product(stack, productId)).toEqual(stockBefore);
  });
});
