import { ADDRESS, rawCall, createCustomer, createProduct, eventually, orderBody } from '../support/fixtures';
import { startSmsReceiver, type SmsReceiver } from '../support/mail-sms-receivers';
import { startStack, type Stack } from '../support/stack';
import { createStaff, signIn } from '../support/staff';

const MAX_ATTEMPTS = 2;
let sms: SmsReceiver;
let stack: Stack;

beforeAll(async () => {
  sms = await startSmsReceiver();
  stack = await startStack({ env: { SMS_PROVIDER_URL: sms.url, NOTIFY_MAX_ATTEMPTS: String(MAX_ATTEMPTS), NOTIFY_INITIAL_BACKOFF_MS: '50' } });
});
afterAll(async () => {
  await stack.close();
  await sms.close();
});

const FORM = 'application/x-www-form-urlencoded';
const phone = `0917${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const e164 = `+63${phone.slice(1)}`;
const smsOf = (orderId: string) => stack.db('notifications').where({ order_id: orderId, channel: 'sms', event: 'created' }).first();

describe('retrying a dead notification from the console', () => {
  it('sends it again through the notification workflow, numbering the new attempt after the failed ones, and queues it only once', async () => {
    sms.script(e164, () => 503);
    const customer = await createCustomer(stack, { phone });
    const productId = await createProduct(stack);
    const created = await rawCall(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }], { shippingAddress: { ...ADDRESS, phone } }) });
    expect(created.status).toBe(201);
    const orderId: string = created.body.id;
    await eventually(async () => expect((await smsOf(orderId))?.status).toBe('dead'), 30_000);
    const dead = await smsOf(orderId);

    const staff = await createStaff(stack, 'staff');
    const { cookies, token } = await signIn(stack, staff);
    const list = await stack.app.inject({ method: 'GET', url: '/admin/notifications', cookies });
    expect(list.body).toContain(`/admin/notifications/${dead.id}/retry`);

    sms.release(e164);
    const headers = { origin: 'http://localhost:80', 'content-type': FORM, 'x-csrf-token': token, 'hx-request': 'true' };
    const [first, second] = await Promise.all(
      [1, 2].map(() => stack.app.inject({ method: 'POST', url: `/admin/notifications/${dead.id}/retry`, cookies, headers, payload: '' })),
    );
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    await eventually(async () => expect((await smsOf(orderId))?.status).toBe('sent'), 30_000);
    const attempts = await stack.db('notification_attempts').where({ notification_id: dead.id }).orderBy('attempt_no');
    expect(attempts.map((a: { attempt_no: number; outcome: string }) => [a.attempt_no, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'ok'],
    ]);
  });
});
