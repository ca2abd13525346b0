import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../activities';
import { notificationActivities } from '../../activities/notifications';
import { formatPeso } from '../../domain/money';
import type { NotificationEvent } from '../../domain/notifications';
import { notificationWorkflowId } from '../../workflows/contract';
import type { notificationWorkflow } from '../../workflows/notification-workflow';
import { ADDRESS, createCustomer, createProduct, eventually, orderBody } from '../support/fixtures';
import { startSmsReceiver, startSmtpReceiver, type SmsReceiver, type SmtpReceiver } from '../support/mail-sms-receivers';
import type { notifyProbeWorkflow } from '../support/notify-probe-workflow';
import { startStack, type Stack } from '../support/stack';
import { transportsFrom } from '../../activities/notifications/transports';
import { reply } from '../support/api';

const MAX_ATTEMPTS = 3;
const log = pino({ level: 'warn' });
let smtp: SmtpReceiver;
let sms: SmsReceiver;
let stack: Stack;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  sms = await startSmsReceiver();
  stack = await startStack({
    env: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Tindahan ni Aling Nena <orders@tindahan.test>',
      SMS_PROVIDER_URL: sms.url,
      SMS_PROVIDER_TOKEN: 'sms-test-token',
      NOTIFY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      NOTIFY_INITIAL_BACKOFF_MS: '100',
    },
  });
});
afterAll(async () => {
  await stack.close();
  await sms.close();
  await smtp.close();
});

// Every test texts its own number, so the provider's script for one never touches another.
let phoneSeq = Math.floor(Math.random() * 9_000_000);
const nextPhone = () => `0917${String(1_000_000 + (phoneSeq++ % 9_000_000)).padStart(7, '0')}`;
const e164 = (phone: string) => `+63${phone.slice(1)}`;

interface Listed {
  channel: string;
  event: string;
  status: string;
  recipient: string;
  lastError: string | null;
  attempts: { attemptNo: number; outcome: string; error: string | null }[];
}

async function notificationsOf(orderId: string, token: string, event: NotificationEvent): Promise<Listed[]> {
  const res = await reply(stack.api(token).GET('/v1/orders/{id}/notifications', { params: { path: { id: orderId } } }));
  expect(res.status).toBe(200);
  return (res.body.data as Listed[]).filter((n) => n.event === event);
}
const byChannel = (list: Listed[], channel: string) => list.find((n) => n.channel === channel)!;

/** Waits until both of an event's notifications (e-mail, SMS) have left `queued`. */
const settled = (orderId: string, token: string, event: NotificationEvent) =>
  eventually(async () => {
    const list = await notificationsOf(orderId, token, event);
    expect(list.map((n) => n.status).filter((s) => s !== 'queued')).toHaveLength(2);
    return list;
  });

/** Places an order texting `phone`, and waits until the customer has been told it was received. */
async function placeOrder(phone: string, opts: { waitForCreated?: boolean } = {}) {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { priceCentavos: 123_450 });
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { shippingAddress: { ...ADDRESS, phone } }) }));
  expect(created.status).toBe(201);
  const order = created.body as { id: string; totalCentavos: number };
  if (opts.waitForCreated !== false) await settled(order.id, customer.token, 'created');
  return { customer, order };
}

/** Runs the notification workflow for an event the order has not reached, under the id notify() would give it. */
function deliver(orderId: string, event: NotificationEvent) {
  const { maxAttempts, initialBackoffMs } = stack.config.notifications;
  return stack.client.workflow.execute<typeof notificationWorkflow>('notificationWorkflow', {
    workflowId: notificationWorkflowId(orderId, event),
    taskQueue: stack.config.taskQueue,
    args: [{ orderId, event, maxAttempts, initialBackoffMs }],
  });
}

describe('order notifications by e-mail (SMTP) and SMS (HTTP provider)', () => {
  it('e-mails and texts the customer when the order is placed and when it is confirmed, one successful attempt each', async () => {
    const phone = nextPhone();
    const { customer, order } = await placeOrder(phone);
    const confirmed = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: order.id } } }));
    expect(confirmed.status).toBe(200);
    const listed = await settled(order.id, customer.token, 'confirmed');

    const { email } = await stack.db('customers').where({ id: customer.id }).first('email');
    const mail = smtp.messages.filter((m) => m.to.includes(email));
    expect(mail.map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1]).sort()).toEqual([
      expect.stringMatching(/^Order confirmed: order #/),
      expect.stringMatching(/^Order received: order #/),
    ]);
    expect(mail[0].from).toBe('orders@tindahan.test');
    expect(mail[0].raw).toContain(`Order ID: ${order.id}`);
    const texts = sms.received.filter((m) => m.to === e164(phone));
    expect(texts).toHaveLength(2);
    expect(texts.every((t) => t.authorization === 'Bearer sms-test-token')).toBe(true);
    const confirmText = texts.find((t) => t.message.includes('Confirmed na!'));
    expect(confirmText?.message).toContain(formatPeso(order.totalCentavos));

    expect(byChannel(listed, 'email')).toMatchObject({ status: 'sent', recipient: email, attempts: [{ attemptNo: 1, outcome: 'ok' }] });
    expect(byChannel(listed, 'sms')).toMatchObject({ status: 'sent', recipient: e164(phone), attempts: [{ attemptNo: 1, outcome: 'ok' }] });
  });

  it("hides an order's notifications from another customer as not found", async () => {
    const { order } = await placeOrder(nextPhone(), { waitForCreated: false });
    const other = await createCustomer(stack);
    expect((await reply(stack.api(other.token).GET('/v1/orders/{id}/notifications', { params: { path: { id: order.id } } }))).body.code).toBe('ORDER_NOT_FOUND');
    expect((await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}/notifications', { params: { path: { id: order.id } } }))).status).toBe(200);
    expect((await reply(stack.api().GET('/v1/orders/{id}/notifications', { params: { path: { id: order.id } } }))).status).toBe(401);
  });

  it('ends sent with three attempts recorded when the SMS provider fails twice and then accepts', async () => {
    const phone = nextPhone();
    const { customer, order } = await placeOrder(phone);
    sms.script(e164(phone), (n) => (n < 2 ? 500 : 200));

    await deliver(order.id, 'shipped');

    const text = byChannel(await notificationsOf(order.id, customer.token, 'shipped'), 'sms');
    expect(text.status).toBe('sent');
    expect(text.attempts.map((a) => [a.attemptNo, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'ok'],
    ]);
    expect(text.attempts[0].error).toContain('SMS provider answered 500');
    expect(await stack.db('order_errors').where({ order_id: order.id, category: 'notification' })).toHaveLength(0);
  });

  it('marks the SMS dead after the last retry and writes a notification error row when the provider always fails', async () => {
    const phone = nextPhone();
    const { customer, order } = await placeOrder(phone);
    sms.script(e164(phone), () => 503);

    const result = await deliver(order.id, 'delivered');
    expect(Object.values(result).sort()).toEqual(['dead', 'sent']);

    const listed = await notificationsOf(order.id, customer.token, 'delivered');
    expect(byChannel(listed, 'email').status).toBe('sent');
    const text = byChannel(listed, 'sms');
    expect(text.status).toBe('dead');
    expect(text.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(text.attempts.every((a) => a.outcome === 'failed')).toBe(true);
    expect(text.lastError).toContain('SMS provider answered 503');

    const errors = await stack.db('order_errors').where({ order_id: order.id });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ category: 'notification', code: 'NOTIFICATION_DEAD', severity: 'medium' });
    expect(errors[0].message).toContain(`failed after ${MAX_ATTEMPTS} attempts`);
  });

  it('records a channel as skipped when its transport is not configured, and queues nothing twice', async () => {
    const { customer, order } = await placeOrder(nextPhone(), { waitForCreated: false });
    const config = { ...stack.config, notifications: { ...stack.config.notifications, smsProviderUrl: undefined } };
    const { queueNotifications } = notificationActivities({ db: stack.db, config, log }, transportsFrom(config.notifications));

    const first = await queueNotifications(order.id, 'cancelled');
    expect(await queueNotifications(order.id, 'cancelled')).toEqual(first);
    expect(first).toHaveLength(1);

    const listed = await notificationsOf(order.id, customer.token, 'cancelled');
    expect(listed.map((n) => [n.channel, n.status]).sort()).toEqual([
      ['email', 'queued'],
      ['sms', 'skipped'],
    ]);
    expect(byChannel(listed, 'sms').lastError).toContain('SMS_PROVIDER_URL');
  });

  it('never holds up the order: it is placed and confirmed while the SMS provider hangs, and the SMS goes out once it answers', async () => {
    const phone = nextPhone();
    sms.script(e164(phone), () => 'hang');
    const { customer, order } = await placeOrder(phone, { waitForCreated: false });
    await eventually(async () => expect(sms.hanging(e164(phone))).toBeGreaterThanOrEqual(1));

    const confirmed = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: order.id } } }));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(byChannel(await notificationsOf(order.id, customer.token, 'created'), 'sms').status).toBe('queued');
    const child = await stack.client.workflow.getHandle(notificationWorkflowId(order.id, 'created')).describe();
    expect(child.status.name).toBe('RUNNING');

    sms.release(e164(phone));
    for (const event of ['created', 'confirmed'] as const) {
      expect(byChannel(await settled(order.id, customer.token, event), 'sms').status).toBe('sent');
    }
  });

  describe('notify() called again for an event already notified', () => {
    // A worker of its own running a stand-in for the order workflow; notify()
    // starts the notification workflow on the stack's queue.
    const probeQueue = `probe-${randomUUID()}`;
    let probe: { worker: Worker; running: Promise<void>; connection: NativeConnection };
    beforeAll(async () => {
      const connection = await NativeConnection.connect({ address: stack.config.temporalAddress! });
      const worker = await Worker.create({
        connection,
        namespace: stack.config.temporalNamespace,
        taskQueue: probeQueue,
        workflowsPath: require.resolve('../support/notify-probe-workflow'),
        activities: createActivities({ db: stack.db, config: stack.config, log, temporal: stack.client }),
      });
      probe = { worker, running: worker.run(), connection };
    });
    afterAll(async () => {
      probe.worker.shutdown();
      await probe.running;
      await probe.connection.close();
    });

    it('returns without failing the caller and sends nothing twice while the first delivery still runs', async () => {
      const phone = nextPhone();
      const { maxAttempts, initialBackoffMs } = stack.config.notifications;
      sms.script(e164(phone), () => 'hang');
      const { customer, order } = await placeOrder(phone, { waitForCreated: false });
      await eventually(async () => expect(sms.hanging(e164(phone))).toBeGreaterThanOrEqual(1));

      const again = await stack.client.workflow.execute<typeof notifyProbeWorkflow>('notifyProbeWorkflow', {
        workflowId: `probe-${order.id}`,
        taskQueue: probeQueue,
        args: [order.id, 'created', { maxAttempts, initialBackoffMs }],
      });
      expect(again).toBe('done');

      sms.release(e164(phone));
      const text = byChannel(await settled(order.id, customer.token, 'created'), 'sms');
      expect(text.status).toBe('sent');
      // Every request the provider saw is an attempt of the one notification.
      expect(sms.received.filter((m) => m.to === e164(phone))).toHaveLength(text.attempts.length);
    });
  });
});
