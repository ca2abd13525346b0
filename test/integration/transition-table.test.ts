import { nextStatus, REQUESTABLE_ACTIONS, type OrderAction, type OrderStatus } from '../../domain/order-status';
import { createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { act, reply, type OrderActionName } from '../support/api';

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
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], held ? { paymentMethod: 'cod' } : {}) }));
    expect(created.body.status).toBe(held ? 'awaiting_verification' : 'pending');
    for (const action of path) {
      expect((await act(stack.api(stack.adminToken), created.body.id, action as OrderActionName, bodyFor(action))).status).toBe(200);
    }
    const before = (await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }))).body;
    expect(before.status).toBe(status);
    const stockBefore = await product(stack, productId);

    const refused = REQUESTABLE_ACTIONS.filter((a) => nextStatus(status, a, 'admin') === null);
    expect(refused.length).toBeGreaterThan(0);
    for (const action of refused) {
      const res = await act(stack.api(stack.adminToken), created.body.id, action as OrderActionName, bodyFor(action));
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'INVALID_STATE_TRANSITION' });
    }
    const after = (await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }))).body;
    expect(after).toEqual(before);
    expect(await product(stack, productId)).toEqual(stockBefore);
  });
});
