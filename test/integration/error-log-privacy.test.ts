import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { recordError } from '../../activities/record-error';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(() => stack.close());

// A driver error as String(err) gives it: the failed statement with the order's values.
const DRIVER_ERROR =
  'Error: insert into `orders` (`id`, `customer_id`, `shipping_address`, `client_ip`) values (' +
  "'0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', '0193a1b2-0000-7e5f-8a9b-0c1d2e3f4a5b', " +
  '\'{\\"recipientName\\":\\"Juan dela Cruz\\",\\"phone\\":\\"+639171234567\\",\\"email\\":\\"juan@example.ph\\"}\', ' +
  "'203.0.113.7') - ER_LOCK_DEADLOCK: Deadlock found when trying to get lock\n    at Packet.asError (/app/node_modules/mysql2/lib/packets/packet.js:740:17)";
const SECRETS = /insert into|Juan|dela Cruz|9171234567|juan@example|203\.0\.113\.7|packet\.js|ER_LOCK_DEADLOCK/;

/** The activity with a logger whose lines the test reads. */
function recorder() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, record: recordError({ db: stack.db, config: stack.config, log: pino({ level: 'info' }, sink) }) };
}

async function listed(orderId: string) {
  const res = await reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId } } }));
  expect(res.status).toBe(200);
  return res.body.data as { code: string; message: string }[];
}

it('shows admins none of the SQL, personal data or stack of an error passed as its message', async () => {
  const orderId = randomUUID();
  const { record } = recorder();
  await record({ orderId, category: 'system', severity: 'critical', code: 'ORDER_CREATE_FAILED', message: DRIVER_ERROR });

  const [entry] = await listed(orderId);
  expect(entry.code).toBe('ORDER_CREATE_FAILED');
  expect(JSON.stringify(entry)).not.toMatch(SECRETS);
  expect(entry.message).toContain('ORDER_CREATE_FAILED');
});

it('stores the safe message, never the cause, and logs the cause with its values taken out', async () => {
  const orderId = randomUUID();
  const { record, lines } = recorder();
  await record({ orderId, category: 'system', severity: 'critical', code: 'ORDER_STEP_FAILED', message: 'confirm failed for good', cause: DRIVER_ERROR });

  const [entry] = await listed(orderId);
  expect(entry.message).toBe('confirm failed for good');
  expect(JSON.stringify(await stack.db('order_errors').where({ order_id: orderId }).first())).not.toMatch(SECRETS);

  const logged = lines.find((l) => l.orderId === orderId);
  expect(logged).toMatchObject({ code: 'ORDER_STEP_FAILED', msg: 'confirm failed for good' });
  expect(String(logged?.cause)).toContain('insert into `orders`');
  expect(String(logged?.cause)).not.toMatch(/Juan|dela Cruz|9171234567|juan@example|203\.0\.113\.7/);
});

it('masks an error row stored before messages were checked when it is listed', async () => {
  const orderId = randomUUID();
  await stack.db('order_errors').insert({
    id: randomUUID(), order_id: orderId, category: 'system', severity: 'critical', code: 'ORDER_CREATE_FAILED',
    message: DRIVER_ERROR.slice(0, 1000), details: null, dedupe_key: `ORDER_CREATE_FAILED:${orderId}`, created_at: new Date(),
  });
  const [entry] = await listed(orderId);
  expect(JSON.stringify(entry)).not.toMatch(SECRETS);
});
