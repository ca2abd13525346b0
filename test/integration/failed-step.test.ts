import { ApplicationFailure } from '@temporalio/common';
import { NeedsAttentionKey, OrderStatusKey } from '../../workflows/contract';
import { call, createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  // The confirm step fails for good (a non-retryable failure stands in for retries running out).
  stack = await startStack({
    wrapActivities: (a) => ({
      ...a,
      transitionOrder: async (t) => {
        if (t.action === 'confirm') throw ApplicationFailure.nonRetryable('simulated outage while committing', 'SIMULATED_FAILURE');
        return a.transitionOrder(t);
      },
    }),
  });
});
afterAll(() => stack.close());

it('fails an order whose step fails for good, releasing its stock and promo, with a critical error and NeedsAttention', async () => {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 5, priceCentavos: 20_000 });
  const code = `FAIL${Date.now()}`;
  const promo = await call(stack, 'POST', '/v1/promo-codes', { token: stack.adminToken, body: { code, kind: 'fixed', value: 1_000, usageLimit: 3 } });
  expect(promo.status).toBe(201);
  const created = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 2 }], { promoCode: code }) });
  expect(created.status).toBe(201);
  expect((await product(stack, productId)).stockReserved).toBe(2);

  const confirm = await call(stack, 'POST', `/v1/orders/${created.body.id}/confirm`, { token: stack.adminToken });
  expect(confirm.status).toBe(409);
  expect(confirm.body.code).toBe('ORDER_FAILED');
  expect(confirm.headers['content-type']).toContain('application/problem+json');

  const order = (await call(stack, 'GET', `/v1/orders/${created.body.id}`, { token: stack.adminToken })).body;
  expect(order.status).toBe('failed');
  expect(order.history.at(-1)).toMatchObject({ from: 'pending', to: 'failed', actor: { type: 'system' } });
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 5, stockReserved: 0 });
  expect((await call(stack, 'GET', `/v1/promo-codes/${promo.body.id}`, { token: stack.adminToken })).body.redemptionsCount).toBe(0);

  const errors = await call(stack, 'GET', `/v1/errors?resolved=false&severity=critical`, { token: stack.adminToken });
  expect(errors.body.data.map((e: { orderId: string }) => e.orderId)).toContain(created.body.id);

  const described = await stack.client.workflow.getHandle(`order-${created.body.id}`).describe();
  expect(described.typedSearchAttributes.get(NeedsAttentionKey)).toBe(true);
  expect(described.typedSearchAttributes.get(OrderStatusKey)).toBe('failed');
});
