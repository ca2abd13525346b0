import { ApplicationFailure } from '@temporalio/common';
import { createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

/**
 * Every caller gets an answer it can act on when a step fails for good or a
 * dependency is away: 409 ORDER_FAILED (do not retry) or 503 with Retry-After
 * (retry the same request), never a 500, never a request left hanging.
 */
let stack: Stack;
/** Steps the wrapped activities make fail, switched per test. */
const faults = { validate: false, slowConfirmFails: false, confirmStartedAt: 0 };
beforeAll(async () => {
  stack = await startStack({
    wrapActivities: (a) => ({
      ...a,
      validateOrder: async (v) => {
        if (faults.validate) throw ApplicationFailure.nonRetryable('simulated: validation could not reach the database', 'SIMULATED_OUTAGE');
        return a.validateOrder(v);
      },
      transitionOrder: async (t) => {
        if (faults.slowConfirmFails && t.action === 'confirm') {
          // Retried for 12 s, then failed for good: long enough for the workflow task to heartbeat and so take in
          // (accept) a second action behind this one, as during a database outage.
          faults.confirmStartedAt ||= Date.now();
          if (Date.now() - faults.confirmStartedAt < 12_000) throw ApplicationFailure.retryable('simulated: database away', 'SIMULATED_OUTAGE');
          throw ApplicationFailure.nonRetryable('simulated: commit failed for good', 'SIMULATED_OUTAGE');
        }
        return a.transitionOrder(t);
      },
    }),
  });
});
afterAll(() => stack.close());
afterEach(() => {
  faults.validate = false;
  faults.slowConfirmFails = false;
  faults.confirmStartedAt = 0;
});

it('answers an action queued behind a step that fails for good, and the workflow closes', async () => {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 5 });
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }]) }));
  expect(created.status).toBe(201);
  faults.slowConfirmFails = true;

  const confirm = reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }));
  // Sent while confirm's step runs: its validator checks the projected status, confirmed, and accepts it.
  await eventually(async () => expect(faults.confirmStartedAt).toBeGreaterThan(0), 10_000);
  const processing = reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/processing', { params: { path: { id: created.body.id } } }));
  const answers = await Promise.race([
    Promise.all([confirm, processing]),
    new Promise<null>((r) => setTimeout(() => r(null), 45_000)),
  ]);
  expect(answers).not.toBeNull();
  expect(answers!.map((a) => [a.status, a.body.code])).toEqual([
    [409, 'ORDER_FAILED'],
    [409, 'ORDER_FAILED'],
  ]);

  const handle = stack.client.workflow.getHandle(`order-${created.body.id}`);
  expect(await handle.result()).toMatchObject({ status: 'failed' });
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 5, stockReserved: 0 });
  // A retry of the refused action gets the same kind of answer: a 409, not a 5xx.
  const retry = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/processing', { params: { path: { id: created.body.id } } }));
  expect(retry.status).toBe(409);
});

it('answers 503 with Retry-After when validation fails for good, records it, and a retry with the same key creates the order', async () => {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 5 });
  const body = orderBody([{ productId, quantity: 1 }]);
  const headers = { 'idempotency-key': `outage-${Date.now()}` };
  faults.validate = true;

  const first = await reply(stack.api(customer.token).POST('/v1/orders', { body, headers }));
  expect(first.status).toBe(503);
  expect(first.body.code).toBe('UNAVAILABLE');
  expect(first.headers['retry-after']).toBeDefined();

  // The error log says what happened, in words a client may see: no SQL, no raw cause.
  const logged = await eventually(async () => {
    const errors = await reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { resolved: 'false', severity: 'critical' } } }));
    const row = errors.body.data.find((e: { code: string; message: string }) => e.code === 'ORDER_CREATE_FAILED' && /validating/.test(e.message));
    expect(row).toBeDefined();
    return row;
  });
  expect(logged.message).not.toMatch(/simulated|SIMULATED_OUTAGE/);

  faults.validate = false;
  // Retried as Retry-After says: once the failed workflow has closed, the same key starts the order afresh.
  const retried = await eventually(async () => {
    const again = await reply(stack.api(customer.token).POST('/v1/orders', { body, headers }));
    expect([201, 503]).toContain(again.status);
    expect(again.status).toBe(201);
    return again;
  });
  expect(retried.body.status).toBe('pending');
  expect(await stack.db('orders').where({ customer_id: customer.id }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
  expect((await product(stack, productId)).stockReserved).toBe(1);
});

describe('with the database unreachable', () => {
  let down: Stack;
  beforeAll(async () => {
    // Nothing listens on port 9: every connection is refused, as when MariaDB is down. No worker: the
    // order's workflow cannot answer either (the fault tests cover a worker riding out a real outage).
    down = await startStack({ worker: false, env: { DATABASE_URL: 'mysql://root@127.0.0.1:9/orderly', ORDER_ANSWER_TIMEOUT_SECONDS: '3' } });
  });
  afterAll(() => down.close());

  const expectUnavailable = (res: { status: number; body: any; headers: Record<string, unknown> }) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'UNAVAILABLE' });
    expect(res.headers['retry-after']).toBeDefined();
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select|insert/i);
  };

  it('answers reads and actions 503 with Retry-After', async () => {
    expectUnavailable(await reply(down.api(down.adminToken).GET('/v1/products/{id}', { params: { path: { id: '00000000-0000-7000-8000-000000000000' } } })));
    expectUnavailable(await reply(down.api(down.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: '00000000-0000-7000-8000-000000000000' } } })));
  });

  it('answers a POST of an order 503 at its deadline when the workflow cannot answer in time', async () => {
    const res = await reply(down.api(down.adminToken).POST('/v1/orders', { body: orderBody([{ productId: '00000000-0000-7000-8000-000000000000', quantity: 1 }], { customerId: 'c-1' }), headers: { 'idempotency-key': `down-${Date.now()}` } }));
    expectUnavailable(res);
  });
});
