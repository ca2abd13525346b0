import { createHmac, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { WebhookSweepResult } from '../../activities/webhooks/sweep-webhooks';
import { queueWebhookEvent } from '../../store/webhook-outbox';
import { act as actOn, reply, type OrderActionName } from '../support/api';
import { createCustomer, createProduct, eventually, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhook-receiver';

const MAX_ATTEMPTS = 6;
const TIMEOUT_MS = 3_000;
const ENV = {
  // The receivers listen on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  WEBHOOK_INITIAL_BACKOFF_MS: '200',
  WEBHOOK_MAX_BACKOFF_MS: '1000',
  WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
  WEBHOOK_SWEEP_GRACE_SECONDS: '0',
  // Orders held for verification expire on their own within the test.
  VERIFICATION_TTL_SECONDS: '8',
};
let stack: Stack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startStack({ env: ENV });
});
// Subscriptions are global: each test deletes its own, so the next one's orders do not reach them.
const subscriptions: string[] = [];
afterEach(async () => {
  for (const id of subscriptions.splice(0)) await reply(stack.api(stack.adminToken).DELETE('/v1/webhooks/subscriptions/{id}', { params: { path: { id } } }));
});
afterAll(async () => {
  await stack.close();
  await receiver.close();
});

async function subscribe(body: Record<string, unknown>) {
  const res = await reply(stack.api(stack.adminToken).POST('/v1/webhooks/subscriptions', { body: body as { url: string } }));
  expect(res.status).toBe(201);
  subscriptions.push(res.body.id);
  return res.body as { id: string; secret: string; url: string; events: string[]; active: boolean };
}

/** What a shop system does with a delivery: checks the signature against its secret, over the body as received. */
function verified(w: ReceivedWebhook, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(w.headers['orderly-signature']));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${w.raw}`).digest('hex');
  return expected === match[2] && Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
}

async function placeOrder(opts: { cod?: boolean } = {}) {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { priceCentavos: opts.cod ? 6_000_000 : 150_000 });
  const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], opts.cod ? { paymentMethod: 'cod' } : {}) }));
  expect(res.status).toBe(201);
  return { customer, order: res.body as { id: string; status: string } };
}

const act = async (orderId: string, action: OrderActionName, body?: { reason?: string; carrier?: string; trackingNumber?: string }) => {
  const res = await actOn(stack.api(stack.adminToken), orderId, action, body);
  expect(res.status).toBe(200);
  return res;
};

const deliveriesOf = async (orderId: string, subscriptionId: string) =>
  (await reply(stack.api(stack.adminToken).GET('/v1/webhooks/deliveries', { params: { query: { orderId: orderId, subscriptionId: subscriptionId } } }))).body.data as { id: string; eventType: string; status: string }[];

const deliveryOf = async (orderId: string, subscriptionId: string, eventType: string) => {
  const d = (await deliveriesOf(orderId, subscriptionId)).find((x) => x.eventType === eventType);
  if (!d) throw new Error(`no ${eventType} delivery yet`);
  return (await reply(stack.api(stack.adminToken).GET('/v1/webhooks/deliveries/{id}', { params: { path: { id: d.id } } }))).body;
};

describe('webhooks for shop systems', () => {
  it("delivers every status event of an order's life to the subscriber, each signed with the subscription's secret", async () => {
    const sub = await subscribe({ url: receiver.url('erp'), description: 'shop ERP' });
    expect(sub.secret).toMatch(/^whsec_/);
    expect(sub.events).toEqual(['*']);

    const { order: sold } = await placeOrder();
    await act(sold.id, 'confirm');
    await act(sold.id, 'processing');
    await act(sold.id, 'ship', { carrier: 'LBC', trackingNumber: 'LBC-123' });
    await act(sold.id, 'deliver');
    const { order: cancelled } = await placeOrder();
    await act(cancelled.id, 'cancel', { reason: 'changed my mind' });
    const { order: verified1 } = await placeOrder({ cod: true });
    expect(verified1.status).toBe('awaiting_verification');
    await act(verified1.id, 'verify');
    const { order: expired } = await placeOrder({ cod: true });

    const typesOf = (orderId: string, n: number) =>
      eventually(async () => {
        const got = receiver.of(orderId);
        expect(got).toHaveLength(n);
        return got;
      }, 60_000);
    const life = await typesOf(sold.id, 5);
    expect(life.map((w) => w.body.type).sort()).toEqual(['order.confirmed', 'order.created', 'order.delivered', 'order.processing', 'order.shipped']);
    expect((await typesOf(cancelled.id, 2)).map((w) => w.body.type).sort()).toEqual(['order.cancelled', 'order.created']);
    expect((await typesOf(verified1.id, 2)).map((w) => w.body.type).sort()).toEqual(['order.created', 'order.verified']);
    expect((await typesOf(expired.id, 2)).map((w) => w.body.type).sort()).toEqual(['order.created', 'order.expired']);

    const all = [sold, cancelled, verified1, expired].flatMap((o) => receiver.of(o.id));
    for (const w of all) {
      expect(verified(w, sub.secret)).toBe(true);
      expect(verified(w, 'whsec_someone-elses-secret')).toBe(false);
      expect(w.headers).toMatchObject({ 'content-type': 'application/json', 'orderly-event-id': w.body.id, 'orderly-event-type': w.body.type });
    }
    // Every event once, each with its own id.
    expect(new Set(all.map((w) => w.body.id)).size).toBe(all.length);
    const shipped = life.find((w) => w.body.type === 'order.shipped')!.body;
    expect(shipped.data).toMatchObject({
      status: 'shipped',
      previousStatus: 'processing',
      actor: { type: 'admin', id: 'staff-1' },
      order: { id: sold.id, status: 'shipped', carrier: 'LBC', trackingNumber: 'LBC-123' },
    });
    const expiry = receiver.of(expired.id).find((w) => w.body.type === 'order.expired')!.body;
    expect(expiry.data).toMatchObject({ status: 'expired', previousStatus: 'awaiting_verification', actor: { type: 'system' } });

    const listed = await eventually(async () => {
      const list = await deliveriesOf(sold.id, sub.id);
      expect(list.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered']);
      return list;
    });
    const one = (await reply(stack.api(stack.adminToken).GET('/v1/webhooks/deliveries/{id}', { params: { path: { id: listed[0].id } } }))).body;
    expect(one.attempts).toEqual([{ round: 1, attemptNo: 1, statusCode: 200, error: null, durationMs: expect.any(Number), at: expect.any(String) }]);
    expect(one.payload.id).toBe(one.eventId);
  });

  it('delivers order.failed when a step fails for good', async () => {
    // A worker whose confirm step fails for good (a non-retryable failure stands in for retries running out).
    const failing = await startStack({
      env: ENV,
      wrapActivities: (a) => ({
        ...a,
        transitionOrder: async (t) => {
          if (t.action === 'confirm') throw ApplicationFailure.nonRetryable('simulated outage while committing', 'SIMULATED_FAILURE');
          return a.transitionOrder(t);
        },
      }),
    });
    try {
      const sub = await subscribe({ url: receiver.url('failed'), events: ['order.created', 'order.failed'] });
      const customer = await createCustomer(failing);
      const productId = await createProduct(failing);
      const created = await reply(failing.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
      expect(created.status).toBe(201);
      expect((await reply(failing.api(failing.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }))).body.code).toBe('ORDER_FAILED');

      const got = await eventually(async () => {
        const list = receiver.of(created.body.id).filter((w) => w.path === 'failed');
        expect(list.map((w) => w.body.type).sort()).toEqual(['order.created', 'order.failed']);
        return list;
      });
      const failed = got.find((w) => w.body.type === 'order.failed')!;
      expect(failed.body.data).toMatchObject({ status: 'failed', previousStatus: 'pending', actor: { type: 'system' }, order: { status: 'failed' } });
      expect(verified(failed, sub.secret)).toBe(true);
    } finally {
      await failing.close();
    }
  });

  it('sends only the subscribed event types, and nothing to a paused or deleted subscription', async () => {
    const shippedOnly = await subscribe({ url: receiver.url('shipping'), events: ['order.shipped', 'return.*'] });
    const paused = await subscribe({ url: receiver.url('paused'), active: false });
    const deleted = await subscribe({ url: receiver.url('deleted') });
    expect((await reply(stack.api(stack.adminToken).DELETE('/v1/webhooks/subscriptions/{id}', { params: { path: { id: deleted.id } } }))).body).toMatchObject({ id: deleted.id, active: false });

    const { order } = await placeOrder();
    await act(order.id, 'confirm');
    await act(order.id, 'ship', { carrier: 'J&T', trackingNumber: 'JT-1' });

    await eventually(async () => expect(receiver.of(order.id).map((w) => w.body.type)).toEqual(['order.shipped']));
    expect(await deliveriesOf(order.id, paused.id)).toEqual([]);
    expect(await deliveriesOf(order.id, deleted.id)).toEqual([]);
    expect((await deliveriesOf(order.id, shippedOnly.id)).map((d) => d.eventType)).toEqual(['order.shipped']);
  });

  it('delivers after the subscriber refused connections for a while, with every failed attempt recorded', async () => {
    const down = await startWebhookReceiver();
    try {
      const sub = await subscribe({ url: down.url(), events: ['order.confirmed'] });
      const { order } = await placeOrder();
      await down.down();
      await act(order.id, 'confirm');
      // Two attempts refused, then the shop system is back.
      await eventually(async () => expect((await deliveryOf(order.id, sub.id, 'order.confirmed')).attempts.length).toBeGreaterThanOrEqual(2));
      await down.up();

      const d = await eventually(async () => {
        const got = await deliveryOf(order.id, sub.id, 'order.confirmed');
        expect(got.status).toBe('delivered');
        return got;
      });
      const failed = d.attempts.slice(0, -1);
      expect(failed.length).toBeGreaterThanOrEqual(2);
      for (const a of failed) expect(a).toMatchObject({ round: 1, statusCode: null, error: expect.stringContaining('ECONNREFUSED') });
      expect(d.attempts.at(-1)).toMatchObject({ round: 1, attemptNo: d.attempts.length, statusCode: 200, error: null });
      expect(d.attemptCount).toBe(d.attempts.length);
      const got = down.of(order.id);
      expect(got).toHaveLength(1);
      expect(verified(got[0], sub.secret)).toBe(true);
      expect(got[0].body.id).toBe(d.eventId);
    } finally {
      await down.close();
    }
  });

  it('carries the same event id and body on every retry, so the shop system can deduplicate', async () => {
    const sub = await subscribe({ url: receiver.url('dedup'), events: ['order.created'] });
    // Each event's first two deliveries fail with 500, the third is accepted.
    receiver.script('dedup', (n) => (n < 2 ? 500 : 200));
    const { order } = await placeOrder();

    const got = await eventually(async () => {
      const list = receiver.of(order.id).filter((w) => w.path === 'dedup');
      expect(list).toHaveLength(3);
      return list;
    });
    expect(new Set(got.map((w) => w.body.id)).size).toBe(1);
    expect(new Set(got.map((w) => w.raw)).size).toBe(1);
    expect(got.map((w) => w.headers['orderly-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(got.every((w) => verified(w, sub.secret))).toBe(true);
    const d = await eventually(async () => {
      const one = await deliveryOf(order.id, sub.id, 'order.created');
      expect(one.status).toBe('delivered');
      return one;
    });
    expect(d.eventId).toBe(got[0].body.id);
    expect(d.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 200]);
    expect(d.attempts[0].error).toBe('the subscriber answered 500');
  });

  it('marks the delivery dead after the last attempt with an error row, and a resend delivers the same event again', async () => {
    const sub = await subscribe({ url: receiver.url('dead'), events: ['order.confirmed'] });
    receiver.script('dead', () => 503);
    const { order } = await placeOrder();
    await act(order.id, 'confirm');

    const dead = await eventually(async () => {
      const d = await deliveryOf(order.id, sub.id, 'order.confirmed');
      expect(d.status).toBe('dead');
      return d;
    });
    expect(dead.attempts.map((a: { attemptNo: number; statusCode: number }) => [a.attemptNo, a.statusCode])).toEqual(
      Array.from({ length: MAX_ATTEMPTS }, (_, i) => [i + 1, 503]),
    );
    expect(dead.lastError).toBe('the subscriber answered 503');
    const errors = await stack.db('order_errors').where({ order_id: order.id, code: 'WEBHOOK_DEAD' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ category: 'notification', severity: 'medium' });
    const deadList = (await reply(stack.api(stack.adminToken).GET('/v1/webhooks/deliveries', { params: { query: { status: 'dead', subscriptionId: sub.id } } }))).body.data;
    expect(deadList.map((d: { id: string }) => d.id)).toEqual([dead.id]);

    // The shop fixed its endpoint; staff resend.
    receiver.script('dead', () => 200);
    const resent = await reply(stack.api(stack.adminToken).POST('/v1/webhooks/deliveries/{id}/resend', { params: { path: { id: dead.id } } }));
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: dead.id, eventId: dead.eventId, round: 2 });
    const delivered = await eventually(async () => {
      const d = await deliveryOf(order.id, sub.id, 'order.confirmed');
      expect(d.status).toBe('delivered');
      return d;
    });
    expect(delivered.attempts.at(-1)).toMatchObject({ round: 2, attemptNo: 1, statusCode: 200 });
    expect(delivered.attemptCount).toBe(MAX_ATTEMPTS + 1);
    const bodies = receiver.of(order.id).filter((w) => w.path === 'dead');
    expect(bodies).toHaveLength(MAX_ATTEMPTS + 1);
    expect(new Set(bodies.map((w) => w.body.id))).toEqual(new Set([dead.eventId]));
    expect(verified(bodies.at(-1)!, sub.secret)).toBe(true);

    // A delivery being delivered is not resent twice; an unknown one is not found.
    receiver.script('dead', () => 'hang');
    expect((await reply(stack.api(stack.adminToken).POST('/v1/webhooks/deliveries/{id}/resend', { params: { path: { id: dead.id } } }))).status).toBe(200);
    const again = await reply(stack.api(stack.adminToken).POST('/v1/webhooks/deliveries/{id}/resend', { params: { path: { id: dead.id } } }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('WEBHOOK_DELIVERY_PENDING');
    const unknown = await reply(stack.api(stack.adminToken).POST('/v1/webhooks/deliveries/{id}/resend', { params: { path: { id: randomUUID() } } }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
  });

  it('answers the order at once while the subscriber holds every delivery open', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const timed = async () => {
      const placing = Date.now();
      const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
      expect(created.status).toBe(201);
      const confirming = Date.now();
      await act(created.body.id, 'confirm');
      return { orderId: created.body.id as string, placeMs: confirming - placing, confirmMs: Date.now() - confirming };
    };
    const without = await timed();
    const sub = await subscribe({ url: receiver.url('hang'), events: ['order.*'] });
    receiver.script('hang', () => 'hang');

    const held = await timed();

    // Both deliveries are being held by the subscriber while the order has long had its answers.
    await eventually(async () => expect(receiver.of(held.orderId).filter((w) => w.path === 'hang')).toHaveLength(2));
    console.log(
      `order answers: no subscriber place ${without.placeMs} ms, confirm ${without.confirmMs} ms; ` +
        `subscriber holding every request place ${held.placeMs} ms, confirm ${held.confirmMs} ms (subscriber timeout ${TIMEOUT_MS} ms)`,
    );
    expect(held.placeMs).toBeLessThan(TIMEOUT_MS);
    expect(held.confirmMs).toBeLessThan(TIMEOUT_MS);
    const d = await eventually(async () => {
      const one = await deliveryOf(held.orderId, sub.id, 'order.confirmed');
      expect(one.attempts.length).toBeGreaterThanOrEqual(1);
      return one;
    });
    expect(d.attempts[0]).toMatchObject({ statusCode: null, error: `no answer within ${TIMEOUT_MS} ms` });
  });

  it('starts, by the webhook sweeper, a delivery committed with its event whose workflow start was lost', async () => {
    const sub = await subscribe({ url: receiver.url('outbox'), events: ['order.paid'] });
    const { order } = await placeOrder();
    // What a payment writer does: the event in its own transaction. The process then "dies": nothing starts it.
    const eventId = await stack.db.transaction((trx) => queueWebhookEvent(trx, { type: 'order.paid', orderId: order.id, data: { amountCentavos: 150_000 } }, new Date()));
    expect(eventId).not.toBeNull();
    const [pending] = await deliveriesOf(order.id, sub.id);
    expect(pending).toMatchObject({ eventType: 'order.paid', status: 'pending' });

    const swept = await stack.client.workflow.execute<() => Promise<WebhookSweepResult>>('webhookSweeperWorkflow', {
      taskQueue: stack.config.taskQueue,
      workflowId: `webhook-sweep-${randomUUID()}`,
    });

    expect(swept.started).toContain(pending.id);
    const [got] = await eventually(async () => {
      const list = receiver.of(order.id).filter((w) => w.path === 'outbox');
      expect(list).toHaveLength(1);
      return list;
    });
    expect(got.body).toMatchObject({ id: eventId, type: 'order.paid', orderId: order.id, data: { amountCentavos: 150_000 } });
    expect(verified(got, sub.secret)).toBe(true);
    await eventually(async () => expect((await deliveryOf(order.id, sub.id, 'order.paid')).status).toBe('delivered'));
    // A second sweep finds nothing left to start for it.
    const again = await stack.client.workflow.execute<() => Promise<WebhookSweepResult>>('webhookSweeperWorkflow', {
      taskQueue: stack.config.taskQueue,
      workflowId: `webhook-sweep-${randomUUID()}`,
    });
    expect(again.started).not.toContain(pending.id);
  });
});

describe('webhook subscriptions API', () => {
  it('shows the secret only when the subscription is made or its secret rotated, and signs with the current one', async () => {
    const given = 'a-secret-the-shop-chose-1234';
    const sub = await subscribe({ url: receiver.url('rotate'), events: ['order.created'], secret: given });
    expect(sub.secret).toBe(given);
    const read = await reply(stack.api(stack.adminToken).GET('/v1/webhooks/subscriptions/{id}', { params: { path: { id: sub.id } } }));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ id: sub.id, url: receiver.url('rotate'), events: ['order.created'], active: true, description: null, createdAt: expect.any(String), updatedAt: expect.any(String) });
    const listed = (await reply(stack.api(stack.adminToken).GET('/v1/webhooks/subscriptions', { params: { query: { limit: 200 } } }))).body.data;
    expect(listed.find((s: { id: string }) => s.id === sub.id)).not.toHaveProperty('secret');

    const rotated = await reply(stack.api(stack.adminToken).PATCH('/v1/webhooks/subscriptions/{id}', { params: { path: { id: sub.id } }, body: { rotateSecret: true, description: 'rotated' } }));
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.description).toBe('rotated');
    const { order } = await placeOrder();
    const [got] = await eventually(async () => {
      const list = receiver.of(order.id).filter((w) => w.path === 'rotate');
      expect(list).toHaveLength(1);
      return list;
    });
    expect(verified(got, rotated.body.secret)).toBe(true);
    expect(verified(got, given)).toBe(false);
  });

  it('refuses URLs that are not http(s), unknown event types, and customers, with problem+json', async () => {
    const bad = await reply(stack.api(stack.adminToken).POST('/v1/webhooks/subscriptions', { body: { url: 'ftp://shop.example.ph/hooks', events: ['order.teleported'] } as never }));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.code).toBe('VALIDATION_ERROR');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['events.0', 'url']);
    const short = await reply(stack.api(stack.adminToken).POST('/v1/webhooks/subscriptions', { body: { url: 'https://shop.example.ph/hooks', secret: 'short' } }));
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['secret']);

    const customer = await createCustomer(stack);
    const forbidden = await reply(stack.api(customer.token).GET('/v1/webhooks/deliveries'));
    expect(forbidden.status).toBe(403);
    expect((await reply(stack.api().GET('/v1/webhooks/subscriptions'))).status).toBe(401);
    const missing = await reply(stack.api(stack.adminToken).PATCH('/v1/webhooks/subscriptions/{id}', { params: { path: { id: randomUUID() } }, body: { active: false } }));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('WEBHOOK_SUBSCRIPTION_NOT_FOUND');
    expect((await reply(stack.api(stack.adminToken).DELETE('/v1/webhooks/subscriptions/{id}', { params: { path: { id: randomUUID() } } }))).status).toBe(404);
    expect((await reply(stack.api(stack.adminToken).GET('/v1/webhooks/deliveries/{id}', { params: { path: { id: randomUUID() } } }))).body.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
  });

  it('refuses a subscriber on a private or local address unless WEBHOOK_ALLOW_PRIVATE_URLS is set', async () => {
    const strict = await startStack({ worker: false });
    try {
      for (const url of ['http://127.0.0.1:8080/hooks', 'http://localhost/hooks', 'http://[::1]/hooks', 'http://169.254.169.254/latest', 'http://10.0.0.5/', 'http://db/']) {
        const res = await reply(strict.api(strict.adminToken).POST('/v1/webhooks/subscriptions', { body: { url } }));
        expect({ url, status: res.status, errors: res.body.errors }).toEqual({ url, status: 400, errors: [expect.objectContaining({ code: 'WEBHOOK_URL_NOT_ALLOWED', field: 'url' })] });
      }
      const ok = await reply(strict.api(strict.adminToken).POST('/v1/webhooks/subscriptions', { body: { url: 'https://erp.shop.example.ph/orderly', active: false } }));
      expect(ok.status).toBe(201);
      await reply(strict.api(strict.adminToken).DELETE('/v1/webhooks/subscriptions/{id}', { params: { path: { id: ok.body.id } } }));
    } finally {
      await strict.close();
    }
  });

  it('pages deliveries newest first with a cursor', async () => {
    const sub = await subscribe({ url: receiver.url('pages'), events: ['order.created', 'order.confirmed', 'order.cancelled'] });
    const { order } = await placeOrder();
    await act(order.id, 'confirm');
    await act(order.id, 'cancel', { reason: 'out of budget' });
    await eventually(async () => expect(await deliveriesOf(order.id, sub.id)).toHaveLength(3));

    const first = (await reply(stack.api(stack.adminToken).GET('/v1/webhooks/deliveries', { params: { query: { subscriptionId: sub.id, limit: 2 } } }))).body;
    expect(first.data.map((d: { eventType: string }) => d.eventType)).toEqual(['order.cancelled', 'order.confirmed']);
    const second = (await reply(stack.api(stack.adminToken).GET('/v1/webhooks/deliveries', { params: { query: { subscriptionId: sub.id, limit: 2, cursor: first.nextCursor } } }))).body;
    expect(second.data.map((d: { eventType: string }) => d.eventType)).toEqual(['order.created']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('webhooks on the embedded SQLite database', () => {
  it('queues, signs, retries and records a delivery the same way', async () => {
    const lite = await startStack({ sqlite: true, env: ENV });
    try {
      const created = await reply(lite.api(lite.adminToken).POST('/v1/webhooks/subscriptions', { body: { url: receiver.url('sqlite'), events: ['order.created'] } }));
      expect(created.status).toBe(201);
      receiver.script('sqlite', (n) => (n < 1 ? 500 : 200));
      const customer = await createCustomer(lite);
      const productId = await createProduct(lite);
      const order = await reply(lite.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
      expect(order.status).toBe(201);

      const got = await eventually(async () => {
        const list = receiver.of(order.body.id).filter((w) => w.path === 'sqlite');
        expect(list).toHaveLength(2);
        return list;
      });
      expect(got.every((w) => verified(w, created.body.secret))).toBe(true);
      const [listed] = (await reply(lite.api(lite.adminToken).GET('/v1/webhooks/deliveries', { params: { query: { orderId: order.body.id } } }))).body.data;
      const d = await eventually(async () => {
        const one = (await reply(lite.api(lite.adminToken).GET('/v1/webhooks/deliveries/{id}', { params: { path: { id: listed.id } } }))).body;
        expect(one.status).toBe('delivered');
        return one;
      });
      expect(d.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
      expect(d.attemptCount).toBe(2);
    } finally {
      await lite.close();
    }
  });
});
