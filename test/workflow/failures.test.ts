import { randomUUID } from 'node:crypto';
import { NeedsAttentionKey, OrderStatusKey } from '../../workflows/contract';
import { StubShop } from '../support/stub-shop';
import { WorkflowHarness, failureTypeOf } from '../support/workflow-harness';

// Each test takes a second or two; one that waits far longer is waiting for an answer that will never come.
jest.setTimeout(15_000);

let h: WorkflowHarness;
beforeAll(async () => {
  h = await WorkflowHarness.connect();
});
afterAll(() => h.close());

it('fails an order whose step fails for good: compensated, a critical error, NeedsAttention, the caller answered ORDER_FAILED', async () => {
  const shop = new StubShop({ failingStep: 'confirm' });
  await h.run(shop, async (order) => {
    await order.place();
    expect(await failureTypeOf(order.act('confirm'))).toBe('ORDER_FAILED');
    expect(await order.handle.result()).toMatchObject({ status: 'failed' });
    expect(shop.transitions.map((t) => [t.action, t.from, t.to, t.actor.type])).toEqual([['fail', 'pending', 'failed', 'system']]);
    expect(shop.stock.get(order.orderId)).toBe('released');
    expect(shop.errors).toMatchObject([{ orderId: order.orderId, severity: 'critical', code: 'ORDER_STEP_FAILED' }]);
    const described = await order.handle.describe();
    expect(described.typedSearchAttributes.get(NeedsAttentionKey)).toBe(true);
    expect(described.typedSearchAttributes.get(OrderStatusKey)).toBe('failed');
  });
});

it('answers ORDER_FAILED to an action queued behind a step that fails for good, and the workflow closes', async () => {
  const shop = new StubShop({ failingStep: 'confirm' });
  const taskQueue = `workflow-test-${randomUUID()}`;
  const order = h.order(taskQueue);
  await (await h.worker(shop, taskQueue)).runUntil(order.place());
  // With no worker polling both Updates wait at the server, so the next workflow task takes in both:
  // processing is accepted behind the confirm (its status would allow it) and queued.
  const confirm = failureTypeOf(order.act('confirm'));
  await new Promise((r) => setTimeout(r, 300));
  const processing = failureTypeOf(order.act('processing'));
  await new Promise((r) => setTimeout(r, 700));
  const answers = await (await h.worker(shop, taskQueue)).runUntil(Promise.all([confirm, processing]));
  expect(answers).toEqual(['ORDER_FAILED', 'ORDER_FAILED']);
  expect(await order.handle.result()).toMatchObject({ status: 'failed' });
  expect(shop.transitions.map((t) => t.to)).toEqual(['failed']);
});

it('answers ORDER_NOT_CREATED when validation fails for good, records a critical error and keeps nothing', async () => {
  const shop = new StubShop({ validationFails: true });
  await h.run(shop, async (order) => {
    expect(await failureTypeOf(order.place())).toBe('ORDER_NOT_CREATED');
    // The workflow fails, so the same order id may be placed again (ALLOW_DUPLICATE_FAILED_ONLY).
    expect(await failureTypeOf(order.handle.result())).toBe('SIMULATED_OUTAGE');
    expect(shop.errors).toMatchObject([{ orderId: order.orderId, severity: 'critical', code: 'ORDER_CREATE_FAILED', message: 'validating the order failed for good; nothing was kept' }]);
    expect(shop.orders.size).toBe(0);
    expect(shop.rejections).toEqual([]);
  });
});

it('answers ORDER_NOT_CREATED when creating the order fails for good', async () => {
  const shop = new StubShop({ creation: 'fails' });
  await h.run(shop, async (order) => {
    expect(await failureTypeOf(order.place())).toBe('ORDER_NOT_CREATED');
    expect(await failureTypeOf(order.handle.result())).toBe('SIMULATED_OUTAGE');
    expect(shop.errors).toMatchObject([{ code: 'ORDER_CREATE_FAILED', message: 'creating the order failed for good; nothing was kept' }]);
    expect(shop.notifications).toEqual([]);
  });
});
