import { ApplicationFailure } from '@temporalio/common';
import { NeedsAttentionKey, OrderStatusKey } from '../../workflows/contract';
import { createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

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
  const promo = await reply(stack.api(stack.adminToken).POST('/v1/promo-codes', { body: { code, kind: 'fixed', value: 1_000, usageLimit: 3 } }));
  expect(promo.status).toBe(201);
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }], { promoCode: code }) }));
  expect(created.status).toBe(201);
  expect((await product(stack, productId)).stockReserved).toBe(2);

  const confirm = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }));
  expect(confirm.status).toBe(409);
  expect(confirm.body.code).toBe('ORDER_FAILED');
  expect(confirm.headers['content-type']).toContain('application/problem+json');

  const order = (await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }))).body;
  expect(order.status).toBe('failed');
  expect(order.history.at(-1)).toMatchObject({ from: 'pending', to: 'failed', actor: { type: 'system' } });
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 5, stockReserved: 0 });
  expect((await reply(stack.api(stack.adminToken).GET('/v1/promo-codes/{id}', { params: { path: { id: promo.body.id } } }))).body.redemptionsCount).toBe(0);

  const errors = await reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { resolved: 'false', severity: 'critical' } } }));
  expect(errors.body.data.map((e: { orderId: string }) => e.orderId)).toContain(created.body.id);

  const described = await stack.client.workflow.getHandle(`order-${created.body.id}`).describe();
  expect(described.typedSearchAttributes.get(NeedsAttentionKey)).toBe(true);
  expect(described.typedSearchAttributes.get(OrderStatusKey)).toBe('failed');
});
