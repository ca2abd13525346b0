import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { CodecKeys } from '../../lib/codec-keys';
import { payloadCodecs } from '../../lib/payload-codec';
import { connectClient } from '../../lib/temporal-client';
import { mintToken } from '../../lib/tokens';
import { stopGroupByPid } from '../../scripts/stack/process-group';
import { apiUrlOf, startApiPart, startWorkerPart, temporalAddressOf, type ShapeSettings } from '../../scripts/stack/start-shape';
import { ADDRESS } from './address';
import { eventually as poll } from './eventually';
import { act as actOn, httpApi, reply, type OrderActionName, type Reply } from './api';

/**
 * What the stack tier's tests share with test/stack/global-setup.ts: the
 * running shape (two APIs, two workers, a Temporal server on PostgreSQL, all
 * real processes), how to reach it over real HTTP, and how to stop and start
 * its parts. The parts' process ids live in a file beside their logs, so the
 * teardown stops whatever a test restarted.
 */
export interface ShapeState {
  settings: ShapeSettings;
  jwtSecret: string;
  /** the running parts' process ids by name; a server found running is not in it, so it is left running */
  partsFile: string;
}

export function shapeState(): ShapeState {
  return JSON.parse(fs.readFileSync(process.env.STACK_STATE_FILE!, 'utf8')) as ShapeState;
}

/** Process ids by part name (api-1, worker-2, temporal). */
export function partPids(state = shapeState()): Record<string, number> {
  return fs.existsSync(state.partsFile) ? (JSON.parse(fs.readFileSync(state.partsFile, 'utf8')) as Record<string, number>) : {};
}

export function recordPart(state: ShapeState, name: string, pid: number): void {
  fs.writeFileSync(state.partsFile, JSON.stringify({ ...partPids(state), [name]: pid }));
}

export const apiUrls = (state = shapeState()) => state.settings.apiPorts.map((_, i) => apiUrlOf(state.settings, i));

/** Stops the APIs, then the workers, then the Temporal server if this run started it. */
export async function stopShape(state: ShapeState): Promise<void> {
  const pids = partPids(state);
  const names = Object.keys(pids);
  for (const prefix of ['api-', 'worker-', 'temporal']) {
    await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => stopGroupByPid(pids[n])));
  }
}

/** SIGTERM (a container being stopped) or SIGKILL (a crash) to one part; resolves once it is gone. */
export async function stopPart(name: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  const pid = partPids()[name];
  if (signal === 'SIGKILL') process.kill(-pid, 'SIGKILL');
  await stopGroupByPid(pid);
}

/** Starts worker or API i (from 0) again, with extra variables if given, and records it for the teardown. */
export async function startPart(kind: 'worker' | 'api', i: number, extraEnv: Record<string, string> = {}): Promise<void> {
  const state = shapeState();
  const start = kind === 'worker' ? startWorkerPart : startApiPart;
  await start(state.settings, i, extraEnv, (part) => recordPart(state, part.name, part.pid));
}

export const adminToken = (state = shapeState()) => mintToken(state.jwtSecret, 'staff-stack', 'admin');
export const customerToken = (customerId: string, state = shapeState()) => mintToken(state.jwtSecret, customerId, 'customer');

export function temporalClient(state = shapeState()): Promise<Client> {
  const keys = CodecKeys.parse(state.settings.env.PAYLOAD_CODEC_KEYS);
  return connectClient(temporalAddressOf(state.settings), state.settings.env.TEMPORAL_NAMESPACE, payloadCodecs(keys));
}

export type { Reply };

/** The typed client over real HTTP to one API process, as the holder of `token` (test/support/api.ts). */
export const api = (baseUrl: string, token?: string) => httpApi(baseUrl, token);

export async function createCustomer(baseUrl: string): Promise<{ id: string; token: string }> {
  const res = await reply(api(baseUrl, adminToken()).POST('/v1/customers', { body: { email: `stack-${randomUUID()}@example.ph`, name: 'Maria Clara', phone: '09181234567' } }));
  if (res.status !== 201) throw new Error(`customer: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, token: customerToken(res.body.id) };
}

export async function createProduct(baseUrl: string, stockOnHand: number): Promise<string> {
  const res = await reply(api(baseUrl, adminToken()).POST('/v1/products', { body: { sku: `STACK-${randomUUID()}`, name: 'Dried Mangoes', priceCentavos: 10_000, stockOnHand } }));
  if (res.status !== 201) throw new Error(`product: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export const orderBody = (productId: string, quantity = 1) => ({ items: [{ productId, quantity }], paymentMethod: 'gcash', shippingAddress: ADDRESS });

/**
 * Places one order of `quantity` units, as a client following docs/api.md
 * does: a 503 (the answer took longer than ORDER_ANSWER_TIMEOUT_SECONDS on a
 * busy machine) is sent again after Retry-After with the same key.
 */
export async function placeOrder(baseUrl: string, customer: { token: string }, productId: string, quantity = 1, idempotencyKey: string = randomUUID()): Promise<Reply> {
  for (let attempt = 1; ; attempt++) {
    const answer = await reply(api(baseUrl, customer.token).POST('/v1/orders', { body: orderBody(productId, quantity), headers: { 'idempotency-key': idempotencyKey } }));
    if (answer.status !== 503 || attempt === 5) return answer;
    await new Promise((r) => setTimeout(r, 5_000));
  }
}

/**
 * Sends an order action (confirm, ship, deliver, cancel) as an admin, with an
 * Idempotency-Key so that a 503 (the workflow took longer than
 * ORDER_ANSWER_TIMEOUT_SECONDS, e.g. while Temporal moves it off a crashed
 * worker) can be sent again and get the first outcome, as docs/api.md says.
 */
export async function act(baseUrl: string, orderId: string, action: OrderActionName, body: { reason?: string; carrier?: string; trackingNumber?: string } = {}): Promise<Reply> {
  const idempotencyKey = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const answer = await actOn(api(baseUrl, adminToken()), orderId, action, body, { 'idempotency-key': idempotencyKey });
    if (answer.status !== 503 || attempt === 5) return answer;
    await new Promise((r) => setTimeout(r, 5_000));
  }
}

export async function stockOf(baseUrl: string, productId: string): Promise<{ stockOnHand: number; stockReserved: number }> {
  return (await reply(api(baseUrl, adminToken()).GET('/v1/products/{id}', { params: { path: { id: productId } } }))).body;
}

/** Polls until the check passes; real processes over HTTP get a minute. */
export const eventually = <T>(check: () => Promise<T>, timeoutMs = 60_000): Promise<T> => poll(check, timeoutMs);

/** Where a test's own processes write (the audit run). */
export const logDir = (state = shapeState()) => state.settings.logDir;
export const root = () => path.join(__dirname, '..', '..');
