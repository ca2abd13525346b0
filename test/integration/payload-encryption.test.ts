import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { mintToken } from '../../lib/tokens';
import { payloadCodecs } from '../../lib/payload-codec';
import { ADDRESS, createCustomer, createProduct, eventually, orderBody } from '../support/fixtures';
import { JWT_SECRET, startStack, type Stack } from '../support/stack';
import { act as actOn, reply, type OrderActionName } from '../support/api';

/**
 * Personal data must not sit readable in Temporal: with PAYLOAD_CODEC_KEYS set,
 * every payload of an order's workflow is encrypted before it leaves the API or
 * the worker, and staff read it back through the codec endpoint.
 */
const newKey = () => randomBytes(32).toString('base64');
const k0 = `k0:${newKey()}`;
const k1 = `k1:${newKey()}`;

// Distinctive enough that finding them anywhere in a history means they leaked.
const RECIPIENT = 'Ligaya Dimaculangan';
const STREET = '77 Sampaguita Street';
const PHONE_DIGITS = '9175550199';
const address = { ...ADDRESS, recipientName: RECIPIENT, line1: STREET, phone: `0${PHONE_DIGITS}` };

type Payload = temporal.api.common.v1.IPayload;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { PAYLOAD_CODEC_KEYS: k1 } });
});
afterAll(() => stack.close());

async function placeOrder(on: Stack): Promise<string> {
  const customer = await createCustomer(on);
  const productId = await createProduct(on);
  const created = await reply(on.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { shippingAddress: address }) }));
  expect(created.status).toBe(201);
  return created.body.id;
}

async function act(on: Stack, orderId: string, action: OrderActionName): Promise<void> {
  const body = action === 'ship' ? { carrier: 'LBC', trackingNumber: 'LBC-77' } : undefined;
  const res = await actOn(on.api(on.adminToken), orderId, action, body);
  expect(res.status).toBe(200);
}

/** The history as anyone with Temporal access reads it: a client without the codec. */
async function rawHistory(orderId: string): Promise<temporal.api.history.v1.IHistory> {
  const plain = new Client({ connection: stack.client.connection, namespace: stack.config.temporalNamespace });
  return plain.workflow.getHandle(`order-${orderId}`).fetchHistory();
}

/**
 * Every payload of a history that went through the codec: not the search
 * attributes (clear by design), nor the `data` of local activity markers,
 * which the SDK core writes itself (sequence, attempt, activity type, times).
 */
function payloadsIn(node: unknown, path = '', found: Payload[] = []): Payload[] {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return found;
  // Search attributes stay clear by design; a patched() marker's patch-data (the patch's name) is written by the SDK's core, not the codec.
  if (path.endsWith('searchAttributes') || path.endsWith('markerRecordedEventAttributes.details.data') || path.endsWith('markerRecordedEventAttributes.details.patch-data')) return found;
  const candidate = node as Payload;
  if (candidate.metadata?.encoding instanceof Uint8Array) found.push(candidate);
  for (const [key, value] of Object.entries(node)) payloadsIn(value, `${path}.${key}`, found);
  return found;
}

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();
const keyIdOf = (p: Payload) => (text(p.metadata?.encoding) === 'binary/encrypted' ? text(p.metadata?.['encryption-key-id']) : 'clear');
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

describe('an order workflow with payload encryption on', () => {
  it('keeps the recipient, street and phone out of the history that a client without the codec reads', async () => {
    const orderId = await placeOrder(stack);
    await act(stack, orderId, 'confirm');
    const history = await rawHistory(orderId);
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    expect(bytes.includes(RECIPIENT)).toBe(false);
    expect(bytes.includes(STREET)).toBe(false);
    expect(bytes.includes(PHONE_DIGITS)).toBe(false);
    const payloads = payloadsIn(history);
    expect(payloads.length).toBeGreaterThan(5);
    expect(new Set(payloads.map(keyIdOf))).toEqual(new Set(['k1']));

    // Search attributes stay readable for Web UI queries, and hold no personal data.
    const described = await new Client({ connection: stack.client.connection }).workflow.getHandle(`order-${orderId}`).describe();
    expect(described.typedSearchAttributes.getAll().map((a) => a.key.name)).toEqual(expect.arrayContaining(['OrderStatus', 'CustomerId']));
    expect(JSON.stringify(described.typedSearchAttributes.getAll())).not.toMatch(new RegExp(`${RECIPIENT}|${PHONE_DIGITS}|Sampaguita`));
  });

  it('still takes an order from creation to delivery, and still reports a rejection with its problems', async () => {
    const orderId = await placeOrder(stack);
    for (const action of ['confirm', 'processing', 'ship', 'deliver'] as const) await act(stack, orderId, action);
    const customer = await createCustomer(stack);
    const fetched = await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }));
    expect(fetched.body).toMatchObject({ status: 'delivered', shippingAddress: { recipientName: RECIPIENT, phone: `+63${PHONE_DIGITS}` } });
    expect(await stack.client.workflow.getHandle(`order-${orderId}`).result()).toMatchObject({ orderId, status: 'delivered' });
    // The notification child workflows ran too (no transport here, so each is recorded as skipped).
    await eventually(async () => {
      const notes = await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}/notifications', { params: { path: { id: orderId } } }));
      expect(new Set(notes.body.data.map((n: { event: string }) => n.event))).toEqual(new Set(['created', 'confirmed', 'shipped', 'delivered']));
    });

    const productId = await createProduct(stack);
    const rejected = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { shippingAddress: { ...address, barangay: 'Bel Aire' } }) }));
    expect(rejected.status).toBe(422);
    expect(rejected.body.errors.map((e: { code: string }) => e.code)).toContain('ADDRESS_UNKNOWN_LOCATION');
  });

  it('replays an encrypted history with the codec', async () => {
    const orderId = await placeOrder(stack);
    await act(stack, orderId, 'cancel');
    const history = await rawHistory(orderId);
    const options = { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! }, dataConverter: { payloadCodecs: payloadCodecs(stack.config.payloadCodecKeys) } };
    await expect(Worker.runReplayHistory(options, history, orderId)).resolves.toBeUndefined();
  });
});

describe('turning encryption on and rotating its key under running orders', () => {
  // Stacks in turn on one task queue: each stands for a redeploy with new PAYLOAD_CODEC_KEYS.
  const stackWith = (taskQueue: string, keys?: string) => startStack({ env: { TASK_QUEUE: taskQueue, ...(keys ? { PAYLOAD_CODEC_KEYS: keys } : {}) } });

  it('continues an order started before encryption was turned on', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const before = await stackWith(taskQueue);
    const orderId = await placeOrder(before);
    await before.close();

    const after = await stackWith(taskQueue, k0);
    try {
      await act(after, orderId, 'confirm');
    } finally {
      await after.close();
    }
    expect(new Set(payloadsIn(await rawHistory(orderId)).map(keyIdOf))).toEqual(new Set(['clear', 'k0']));
  });

  it('finishes an order started under the old key after the new key is put first', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const old = await stackWith(taskQueue, k0);
    const orderId = await placeOrder(old);
    await old.close();

    const rotated = await stackWith(taskQueue, `${k1},${k0}`);
    try {
      await act(rotated, orderId, 'confirm');
      await act(rotated, orderId, 'cancel');
    } finally {
      await rotated.close();
    }
    expect(new Set(payloadsIn(await rawHistory(orderId)).map(keyIdOf))).toEqual(new Set(['k0', 'k1']));
  });
});

describe('the codec endpoint for the Temporal Web UI and CLI', () => {
  async function startedInput(): Promise<Payload> {
    const orderId = await placeOrder(stack);
    const [first] = (await rawHistory(orderId)).events ?? [];
    return first.workflowExecutionStartedEventAttributes!.input!.payloads![0];
  }

  it('decodes a workflow input for an admin token', async () => {
    const sealed = await startedInput();
    const res = await reply(stack.api(stack.adminToken).POST('/codec/decode', { body: { payloads: [toJson(sealed)] } }));
    expect(res.status).toBe(200);
    const [opened] = res.body.payloads;
    expect(Buffer.from(opened.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(opened.data, 'base64').toString()).request.shippingAddress.recipientName).toBe(RECIPIENT);
  });

  it('answers 401 without a token and 403 for a customer token, whatever the body', async () => {
    const sealed = toJson(await startedInput());
    const anonymous = await reply(stack.api().POST('/codec/decode', { body: { payloads: [sealed] } }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anonymous.body)).not.toContain(RECIPIENT);
    expect((await reply(stack.api().POST('/codec/decode', { body: { nonsense: true } as never }))).status).toBe(401);
    const customer = await reply(stack.api(mintToken(JWT_SECRET, 'c-1', 'customer')).POST('/codec/decode', { body: { payloads: [sealed] } }));
    expect(customer.status).toBe(403);
  });

  it('encodes and decodes back, passes clear payloads through, and names a payload it cannot decrypt', async () => {
    const clear = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"hello"').toString('base64') };
    const encoded = await reply(stack.api(stack.adminToken).POST('/codec/encode', { body: { payloads: [clear] } }));
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata['encryption-key-id'], 'base64').toString()).toBe('k1');
    const decoded = await reply(stack.api(stack.adminToken).POST('/codec/decode', { body: { payloads: [encoded.body.payloads[0], clear] } }));
    expect(decoded.body.payloads).toEqual([clear, clear]);

    const foreign = { ...encoded.body.payloads[0], metadata: { ...encoded.body.payloads[0].metadata, 'encryption-key-id': Buffer.from('k9').toString('base64') } };
    const refused = await reply(stack.api(stack.adminToken).POST('/codec/decode', { body: { payloads: [clear, foreign] } }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'PAYLOAD_NOT_DECRYPTABLE', field: 'payloads.1' })]);
  });

  it('lets the Web UI origin call it from a browser, and no other origin', async () => {
    const preflight = async (origin: string) =>
      stack.app.inject({ method: 'OPTIONS', url: '/codec/decode', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
    const ui = await preflight('http://localhost:8233');
    expect(ui.statusCode).toBe(204);
    expect(ui.headers).toMatchObject({ 'access-control-allow-origin': 'http://localhost:8233', 'access-control-allow-credentials': 'true' });
    expect(String(ui.headers['access-control-allow-headers'])).toContain('authorization');
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();

    const denied = await stack.app.inject({ method: 'POST', url: '/codec/decode', headers: { origin: 'http://localhost:8233' }, payload: { payloads: [] } });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['access-control-allow-origin']).toBe('http://localhost:8233');
  });
});
