import { randomUUID } from 'node:crypto';
import { orderIdFor } from '../../api/order-ids';
import { actionSignals, orderWorkflowId } from '../../workflows/contract';
import { createCustomer, createProduct, eventually, orderBody, rawCall, type Reply } from './fixtures';
import { checkout } from './payment-fixtures';
import type { Faults, PathStacks } from './path-stacks';
import { ageAccount } from './promo-fixtures';
import type { Stack } from './stack';
import { act as actOn, reply, type OrderActionName } from './api';

/**
 * Every path through the order workflow, each driven through the API (or, for
 * the operator's path, Temporal signals) to the workflow's end. The replay
 * fixtures in test/fixtures/histories are recorded from these, one per path.
 */
export const ORDER_PATHS = [
  'delivered',
  'cancelled',
  'cancelled-after-confirm',
  'expired',
  'verified',
  'verification-expired',
  'rejected',
  'rejected-while-reserving',
  'failed',
  'failed-with-queued-action',
  'not-created',
  'not-created-while-reserving',
  'signalled',
  'paid-then-refunded',
  'payment-failed',
] as const;
export type OrderPath = (typeof ORDER_PATHS)[number];

const SHIPMENT = { carrier: 'LBC', trackingNumber: 'LBC123456' };

function expectStatus(res: Reply, status: number, what: string): Reply {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/**
 * Places an order of `quantity` units (of 26,000.00 each by cash on delivery when `big`, so two need
 * verification). An Idempotency-Key fixes the order id, so the workflow is known even when no order is made.
 */
async function place(stack: Stack, opts: { quantity?: number; stockOnHand?: number; big?: boolean } = {}) {
  const customer = await createCustomer(stack);
  // An old account: only the rule under test may hold the order (no NEW_ACCOUNT_HIGH_VALUE).
  await ageAccount(stack, customer.id);
  const productId = await createProduct(stack, { stockOnHand: opts.stockOnHand ?? 10, priceCentavos: opts.big ? 2_600_000 : 10_000 });
  const body = orderBody([{ productId, quantity: opts.quantity ?? 2 }], opts.big ? { paymentMethod: 'cod' } : {});
  const key = randomUUID();
  const res = await reply(stack.api(customer.token).POST('/v1/orders', { body, headers: { 'idempotency-key': key } }));
  const id = orderIdFor(customer.id, key);
  return { res, customer, id, workflowId: orderWorkflowId(id) };
}

async function created(stack: Stack, opts: { big?: boolean } = {}) {
  const placed = await place(stack, opts);
  expectStatus(placed.res, 201, 'placing the order');
  return placed;
}

/** Sends admin actions through the API, in order, each expected to succeed. */
async function act(stack: Stack, orderId: string, actions: OrderActionName[]): Promise<void> {
  for (const action of actions) {
    const body = action === 'ship' ? SHIPMENT : undefined;
    expectStatus(await actOn(stack.api(stack.adminToken), orderId, action, body), 200, action);
  }
}

/** Runs `drive` with one fault switched on, and off again whatever happens. */
async function withFault<T>(faults: Faults, fault: keyof Faults, drive: () => Promise<T>): Promise<T> {
  faults[fault] = true;
  try {
    return await drive();
  } finally {
    faults[fault] = false;
  }
}

async function notCreated(s: PathStacks, fault: 'validate' | 'create'): Promise<string> {
  const { res, workflowId } = await withFault(s.faults, fault, () => place(s.main));
  expectStatus(res, 503, 'placing an order that cannot be created');
  return workflowId;
}

export const DRIVE: Record<OrderPath, (s: PathStacks) => Promise<{ stack: Stack; workflowId: string }>> = {
  async delivered(s) {
    const order = await created(s.main);
    await act(s.main, order.id, ['confirm', 'processing', 'ship', 'deliver']);
    return { stack: s.main, workflowId: order.workflowId };
  },
  async cancelled(s) {
    const order = await created(s.main);
    expectStatus(await reply(s.main.api(order.customer.token).POST('/v1/orders/{id}/cancel', { params: { path: { id: order.id } }, body: { reason: 'changed my mind' } })), 200, 'cancel');
    return { stack: s.main, workflowId: order.workflowId };
  },
  async 'cancelled-after-confirm'(s) {
    const order = await created(s.main);
    await act(s.main, order.id, ['confirm', 'cancel']);
    return { stack: s.main, workflowId: order.workflowId };
  },
  async expired(s) {
    return { stack: s.short, workflowId: (await created(s.short)).workflowId };
  },
  async verified(s) {
    const order = await created(s.main, { big: true });
    if (order.res.body.status !== 'awaiting_verification') throw new Error(`expected awaiting_verification, got ${order.res.body.status}`);
    // Skips the optional processing step: shipped straight from confirmed.
    await act(s.main, order.id, ['verify', 'confirm', 'ship', 'deliver']);
    return { stack: s.main, workflowId: order.workflowId };
  },
  async 'verification-expired'(s) {
    const order = await created(s.short, { big: true });
    if (order.res.body.status !== 'awaiting_verification') throw new Error(`expected awaiting_verification, got ${order.res.body.status}`);
    return { stack: s.short, workflowId: order.workflowId };
  },
  async rejected(s) {
    const { res, workflowId } = await place(s.main, { quantity: 3, stockOnHand: 2 });
    expectStatus(res, 422, 'placing an order for more than the stock');
    return { stack: s.main, workflowId };
  },
  async 'rejected-while-reserving'(s) {
    const { res, workflowId } = await withFault(s.faults, 'deactivateBeforeReserve', () => place(s.main));
    expectStatus(res, 422, 'placing an order whose product is withdrawn while reserving');
    return { stack: s.main, workflowId };
  },
  async failed(s) {
    const order = await created(s.main);
    await withFault(s.faults, 'confirm', async () => expectStatus(await reply(s.main.api(s.main.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: order.id } } })), 409, 'failing confirm'));
    return { stack: s.main, workflowId: order.workflowId };
  },
  async 'failed-with-queued-action'(s) {
    const order = await created(s.main);
    // With the worker away both actions wait at the server, so one workflow task takes in (accepts) both:
    // processing is queued behind the confirm that fails.
    await s.main.stopWorker();
    const answers = withFault(s.faults, 'confirm', async () => {
      const confirm = reply(s.main.api(s.main.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: order.id } } }));
      await new Promise((r) => setTimeout(r, 500));
      const processing = reply(s.main.api(s.main.adminToken).POST('/v1/orders/{id}/processing', { params: { path: { id: order.id } } }));
      await new Promise((r) => setTimeout(r, 1_000));
      await s.main.startWorker();
      return Promise.all([confirm, processing]);
    });
    for (const res of await answers) expectStatus(res, 409, 'an action behind a failed step');
    return { stack: s.main, workflowId: order.workflowId };
  },
  'not-created': (s) => notCreated(s, 'validate').then((workflowId) => ({ stack: s.main, workflowId })),
  'not-created-while-reserving': (s) => notCreated(s, 'create').then((workflowId) => ({ stack: s.main, workflowId })),
  async 'paid-then-refunded'(s) {
    const order = await created(s.main);
    await checkout(order.res.body.payment.checkoutUrl, 'pay');
    // The gateway's webhook confirms the order; staff then cancel it, which refunds it.
    await eventually(async () => expect((await rawCall(s.main, 'GET', `/v1/orders/${order.id}`, { token: s.main.adminToken })).body.status).toBe('confirmed'));
    await act(s.main, order.id, ['cancel']);
    return { stack: s.main, workflowId: order.workflowId };
  },
  async 'payment-failed'(s) {
    const order = await created(s.main);
    await checkout(order.res.body.payment.checkoutUrl, 'fail');
    return { stack: s.main, workflowId: order.workflowId };
  },
  async signalled(s) {
    const order = await created(s.main);
    const handle = s.main.client.workflow.getHandle(order.workflowId);
    // As an operator would from the Web UI: a refused signal is only logged, the others apply in order.
    await handle.signal(actionSignals.deliver);
    await handle.signal(actionSignals.confirm);
    await handle.signal(actionSignals.cancel, { reason: 'customer called the shop' });
    return { stack: s.main, workflowId: order.workflowId };
  },
};
