import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import { v7 as uuid } from 'uuid';
import type { PurgeResult } from '../../activities/purge-old-records';
import type { SweepResult } from '../../activities/sweep-reservations';
import { ensureSchedules, scheduleIds } from '../../workers/schedules';
import { createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const run = <T>(workflowType: 'sweeperWorkflow' | 'retentionWorkflow'): Promise<T> =>
  stack.client.workflow.execute(workflowType, { taskQueue: stack.config.taskQueue, workflowId: `${workflowType}-${randomUUID()}` });

/** A pending order holding `quantity` of a fresh product, with its reservation made to look long expired. */
async function pendingOrderPastExpiry(quantity: number) {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 10 });
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity }]) }));
  expect(created.status).toBe(201);
  const orderId: string = created.body.id;
  await stack.db('reservations').where({ order_id: orderId }).update({ expires_at: new Date(Date.now() - 60_000) });
  return { customer, productId, orderId };
}

const orphanErrors = (orderId: string) => stack.db('order_errors').where({ order_id: orderId, code: 'ORPHANED_RESERVATION' });

// Other test files' scheduled sweeps share this database, so these check the end state rather than who reached it.
it('releases an expired reservation whose order workflow is gone, expires the order and logs the anomaly once', async () => {
  const { customer, productId, orderId } = await pendingOrderPastExpiry(3);
  await stack.client.workflow.getHandle(`order-${orderId}`).terminate('test: the workflow is lost');
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 3 });

  await run<SweepResult>('sweeperWorkflow');

  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 0 });
  const order = (await reply(stack.api(customer.token).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }))).body;
  expect(order.status).toBe('expired');
  expect(order.history.at(-1)).toMatchObject({ from: 'pending', to: 'expired', actor: { type: 'system', id: 'reservation-sweeper' } });
  const errors = await orphanErrors(orderId);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ category: 'inventory', severity: 'high' });

  const again = await run<SweepResult>('sweeperWorkflow');
  expect(again.released).not.toContain(orderId);
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 0 });
  expect(await orphanErrors(orderId)).toHaveLength(1);
});

it('leaves alone an expired reservation whose order workflow is still running', async () => {
  const { customer, productId, orderId } = await pendingOrderPastExpiry(2);

  const result = await run<SweepResult>('sweeperWorkflow');

  expect(result.checked).toBeGreaterThanOrEqual(1);
  expect(result.released).not.toContain(orderId);
  expect(await product(stack, productId)).toMatchObject({ stockReserved: 2 });
  expect((await reply(stack.api(customer.token).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }))).body.status).toBe('pending');
  expect(await orphanErrors(orderId)).toHaveLength(0);
  await reply(stack.api(customer.token).POST('/v1/orders/{id}/cancel', { params: { path: { id: orderId } }, body: { reason: 'test done' } }));
});

it('purges order metrics and delivered notifications older than the retention, and keeps the rest', async () => {
  const now = Date.now();
  const old = new Date(now - (stack.config.retentionDays + 1) * 86_400_000);
  const recent = new Date(now - (stack.config.retentionDays - 1) * 86_400_000);
  const [oldMetrics, recentMetrics] = [randomUUID(), randomUUID()];
  await stack.db('order_metrics').insert([
    { order_id: oldMetrics, validating_ms: 5, created_at: old, updated_at: old },
    { order_id: recentMetrics, validating_ms: 5, created_at: recent, updated_at: recent },
  ]);
  const { orderId } = await pendingOrderPastExpiry(1);
  const notification = (event: string, status: string, at: Date) => ({
    id: uuid(), order_id: orderId, event, channel: 'email', recipient: 'c@example.ph', status, attempts: 1, created_at: at, updated_at: at,
  });
  // Events a pending order never reaches here, so the order's own notifications stay out of the way.
  await stack.db('notifications').insert([notification('delivered', 'sent', old), notification('shipped', 'dead', old), notification('confirmed', 'sent', recent)]);

  const result = await run<PurgeResult>('retentionWorkflow');

  expect(result.orderMetrics).toBeGreaterThanOrEqual(1);
  expect(await stack.db('order_metrics').whereIn('order_id', [oldMetrics, recentMetrics]).pluck('order_id')).toEqual([recentMetrics]);
  const kept = await stack.db('notifications').where({ order_id: orderId }).whereIn('event', ['delivered', 'shipped', 'confirmed']).orderBy('event').pluck('event');
  expect(kept).toEqual(['confirmed', 'shipped']);
});

it('purges webhook events older than the retention once every delivery of theirs was delivered, with their deliveries and attempts', async () => {
  const now = Date.now();
  const old = new Date(now - (stack.config.retentionDays + 1) * 86_400_000);
  const recent = new Date(now - (stack.config.retentionDays - 1) * 86_400_000);
  const { orderId } = await pendingOrderPastExpiry(1);
  // Written directly and paused: an active subscription would receive other test files' events.
  const subscriptionId = uuid();
  await stack.db('webhook_subscriptions').insert({ id: subscriptionId, url: 'https://erp.example.ph/hooks', events: '["*"]', secret: 'whsec_retention-test', active: false, created_at: old, updated_at: old });
  const event = async (status: string, at: Date) => {
    const [eventId, deliveryId] = [uuid(), uuid()];
    await stack.db('webhook_events').insert({ id: eventId, type: 'order.paid', order_id: orderId, payload: '{}', created_at: at });
    await stack.db('webhook_deliveries').insert({ id: deliveryId, event_id: eventId, subscription_id: subscriptionId, order_id: orderId, event_type: 'order.paid', status, round: 1, attempts: 1, created_at: at, updated_at: at });
    await stack.db('webhook_attempts').insert({ id: uuid(), delivery_id: deliveryId, round: 1, attempt_no: 1, status_code: 200, duration_ms: 5, created_at: at });
    return eventId;
  };
  const [oldDelivered, oldDead, recentDelivered] = [await event('delivered', old), await event('dead', old), await event('delivered', recent)];

  const result = await run<PurgeResult>('retentionWorkflow');

  expect(result.webhookEvents).toBeGreaterThanOrEqual(1);
  expect((await stack.db('webhook_events').where({ order_id: orderId }).pluck('id')).sort()).toEqual([oldDead, recentDelivered].sort());
  expect(await stack.db('webhook_deliveries').where({ event_id: oldDelivered })).toHaveLength(0);
  expect(await stack.db('webhook_attempts').join('webhook_deliveries as d', 'd.id', 'webhook_attempts.delivery_id').where('d.order_id', orderId)).toHaveLength(2);
});

it('creates the three schedules, and on a second start updates them instead of failing', async () => {
  const ids = scheduleIds(stack.config);
  try {
    await ensureSchedules(stack.client, stack.config);
    await ensureSchedules(stack.client, stack.config);
    const sweeper = await stack.client.schedule.getHandle(ids.sweeper).describe();
    const retention = await stack.client.schedule.getHandle(ids.retention).describe();
    expect(sweeper.action).toMatchObject({ workflowType: 'sweeperWorkflow', taskQueue: stack.config.taskQueue });
    expect(sweeper.spec.intervals?.map((i) => i.every)).toEqual([300_000]);
    expect(retention.action).toMatchObject({ workflowType: 'retentionWorkflow', taskQueue: stack.config.taskQueue });
    expect(retention.spec.calendars).toHaveLength(1);
    const webhookSweeper = await stack.client.schedule.getHandle(ids.webhookSweeper).describe();
    expect(webhookSweeper.action).toMatchObject({ workflowType: 'webhookSweeperWorkflow', taskQueue: stack.config.taskQueue });
    expect(webhookSweeper.spec.intervals?.map((i) => i.every)).toEqual([60_000]);

    await ensureSchedules(stack.client, { ...stack.config, sweeperIntervalSeconds: 120 });
    const updated = await stack.client.schedule.getHandle(ids.sweeper).describe();
    expect(updated.spec.intervals?.map((i) => i.every)).toEqual([120_000]);
  } finally {
    // Deleted at once, so a scheduled sweep never runs in the middle of another test.
    for (const id of [ids.sweeper, ids.retention, ids.webhookSweeper]) {
      await stack.client.schedule.getHandle(id).delete().catch((err) => {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      });
    }
  }
});
