import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { orderIdFor } from '../../api/order-ids';
import { startDevServer, type DevServer } from '../../lib/temporal-dev-server';
import { createCustomer, createProduct, eventually, orderBody, type Reply } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { checkConservation, conservationLine, expectConserved } from './conservation';
import { freePort } from '../support/process';
import { childPidWith } from './processes';
import { reply } from '../support/api';

/**
 * The Temporal server (a dev server keeping its state in a file, as the
 * embedded mode runs it) is SIGKILLed with orders waiting on their timers
 * and started again on the same port and file: a port of its own, not the
 * run's shared server. TEST_FAULTS_TEMPORAL_PORT pins it on a shared machine.
 */
// Long enough for the orders to be confirmed after the restart: the worker's polls back off while the
// server is gone (about 10 s before they reach a server that is back after 5 s).
const TTL_SECONDS = 30;
const DOWN_MS = 3_000;

let dir: string;
let port: number;
let server: DevServer;
let stack: Stack;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-temporal-'));
  port = Number(process.env.TEST_FAULTS_TEMPORAL_PORT) || (await freePort());
  server = await startDevServer({ port, dbFile: path.join(dir, 'temporal.sqlite') });
  // A POST waits 5 s for its answer while Temporal is gone, then answers 503.
  stack = await startStack({ env: { TEMPORAL_ADDRESS: server.address, RESERVATION_TTL_SECONDS: String(TTL_SECONDS), ORDER_ANSWER_TIMEOUT_SECONDS: '5' } });
});
afterAll(async () => {
  await stack.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function killServer(): Promise<void> {
  const pid = childPidWith('--port', String(port));
  process.kill(pid, 'SIGKILL');
  await eventually(async () => expect(() => process.kill(pid, 0)).toThrow(), 10_000);
}

it('keeps timers, confirms and idempotent retries working across a Temporal server killed and restarted', async () => {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 100, priceCentavos: 5_000 });
  const body = (quantity: number) => orderBody([{ productId, quantity }]);
  const post = (key: string, quantity: number) => reply(stack.api(customer.token).POST('/v1/orders', { body: body(quantity), headers: { 'idempotency-key': key } }));
  const confirm = (id: string) => reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id } } }));
  const answers: Record<string, number> = {};
  const count = (what: string, r: Reply) => {
    answers[`${what}_${r.status}`] = (answers[`${what}_${r.status}`] ?? 0) + 1;
    return r;
  };

  // Five orders to confirm after the restart (and the one refused while down), five left to their expiry timers.
  const placed = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => post(`temporal-restart-${i}`, 1 + (i % 2)).then((r) => count('post', r))));
  expect(placed.map((r) => r.status)).toEqual(Array(10).fill(201));
  const toConfirm = placed.slice(0, 5).map((r) => r.body.id as string);
  const toExpire = placed.slice(5).map((r) => r.body.id as string);
  const created = new Set(placed.map((r) => r.body.id as string));

  await killServer();
  const downSince = Date.now();
  const elapsed = () => Date.now() - downSince;
  // While it is down: a new order answers 503 with Retry-After (never 500) and creates nothing; the readiness
  // probe answers 503 within seconds (a probe that hangs is a probe that times out); a confirm is sent too.
  const readiness = Promise.race([reply(stack.api().GET('/readyz')).then((r) => ({ status: r.status, ms: elapsed() })), sleep(8_000).then(() => ({ status: 0, ms: elapsed() }))]);
  const confirmDuringOutage = confirm(toConfirm[0]).then((r) => ({ ...count('confirm', r), ms: elapsed() }));
  const lost = count('post', await post('temporal-restart-down', 3));
  const lostMs = elapsed();
  expect(lost.status).toBe(503);
  expect(lost.body.code).toBe('UNAVAILABLE');
  expect(Number(lost.headers['retry-after'])).toBeGreaterThan(0);
  const lostId = orderIdFor(customer.id, 'temporal-restart-down');
  expect(await stack.db('orders').where({ id: lostId }).first()).toBeUndefined();
  const ready = await readiness;
  await sleep(Math.max(DOWN_MS - elapsed(), 0));

  server = await startDevServer({ port, dbFile: path.join(dir, 'temporal.sqlite') });
  const restartedAt = Date.now();

  // The same POST again, as the client was told to: the order is created, once.
  const retried = await eventually(async () => {
    const r = count('post', await post('temporal-restart-down', 3));
    expect(r.status).toBe(201);
    return r;
  }, 60_000);
  const answeredAfterRestartMs = Date.now() - restartedAt;
  expect(retried.body.id).toBe(lostId);
  created.add(lostId);
  toConfirm.push(lostId);

  const early = await confirmDuringOutage;
  expect([200, 503]).toContain(early.status);
  if (early.status === 503) expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
  const confirmNow = early.status === 200 ? toConfirm.slice(1) : toConfirm;
  const confirms = await Promise.all(confirmNow.map((id) => confirm(id).then((r) => count('confirm', r))));
  expect(confirms.map((r) => r.status)).toEqual(Array(confirms.length).fill(200));

  // The expiry timers were set on the server that was killed; they fire on the restarted one.
  await eventually(async () => {
    const rows = await stack.db('orders').whereIn('id', toExpire).pluck('status');
    expect(rows).toEqual(Array(toExpire.length).fill('expired'));
  }, (TTL_SECONDS + 40) * 1000);

  const statuses = await stack.db('orders').whereIn('id', toConfirm).pluck('status');
  expect(statuses).toEqual(Array(6).fill('confirmed'));
  const c = await checkConservation(stack.db, { created, customerIds: [customer.id], productIds: [productId] });
  const http = Object.entries(answers).sort().map(([k, n]) => `${k}:${n}`).join(',');
  const timings = {
    down_ms: restartedAt - downSince,
    post_503_after_ms: lostMs,
    readyz: `${ready.status || 'none'}@${ready.ms}ms`,
    confirm_sent_while_down: `${early.status}@${early.ms}ms`,
    answered_after_restart_ms: answeredAfterRestartMs,
  };
  console.log(conservationLine('temporal-restart', { ...timings, attempted: 11, created: created.size, confirmed: statuses.length, expired: toExpire.length, http }, c));
  expectConserved(c, created.size);
  expect(c.unanswered).toBe(0);
  // status 0: no answer within 8 s
  expect(ready).toMatchObject({ status: 503 });
}, 180_000);
