import os from 'node:os';
import type { Knex } from 'knex';
import { createDb } from '../../lib/db';
import { createCustomer, createProduct, eventually, orderBody, type Reply } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { checkConservation, conservationLine, expectConserved } from './conservation';
import { reply } from '../support/api';

/**
 * MariaDB cut off from the API and the worker (both reach it through a proxy
 * the test controls) during a burst of orders and confirms: refused for a few
 * seconds, then for longer than any quick retry can bridge, then partitioned
 * (connections stay open, no byte goes through). Clients act as the contract
 * tells them: on 503 they wait Retry-After and send the same request again
 * (same Idempotency-Key).
 */
const ORDERS = 40;
const SPACING_MS = 700;
const TTL_SECONDS = 20;
const SHORT_CUT_MS = 3_000;
const LONG_CUT_MS = 15_000;
const PARTITION_MS = 12_000;

let proxy: TcpProxy;
let stack: Stack;
let direct: Knex;
beforeAll(async () => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 3306) });
  const viaProxy = new URL(url);
  viaProxy.port = String(proxy.port);
  // A POST waits 5 s for its answer (not the default 20 s): one placed during the long cut answers 503 and is sent again.
  stack = await startStack({ env: { DATABASE_URL: viaProxy.toString(), RESERVATION_TTL_SECONDS: String(TTL_SECONDS), ORDER_ANSWER_TIMEOUT_SECONDS: '5' } });
  // The checks read the database directly, not through the proxy the fault is in.
  direct = createDb(url.toString(), os.tmpdir(), 2);
});
afterAll(async () => {
  await proxy.restore();
  await stack.close();
  await proxy.close();
  await direct.destroy();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('answers 503 with Retry-After while the database is down, loses no order and leaves no stock held after it', async () => {
  const customers = await Promise.all([1, 2, 3, 4].map(() => createCustomer(stack)));
  const products = await Promise.all([1, 2, 3].map(() => createProduct(stack, { stockOnHand: 500, priceCentavos: 3_000 })));

  const answers: Record<string, number> = {};
  const wrong: string[] = [];
  let slowest503 = 0;
  const giveUpAt = Date.now() + 150_000;
  /**
   * Sends until the answer is not a 5xx, as a client honouring Retry-After would (any 5xx is retried with the
   * same Idempotency-Key, so a wrong status shows as such and not as a lost order). Every answer is counted.
   */
  const untilAnswered = async (what: string, send: () => Promise<Reply>): Promise<Reply> => {
    for (;;) {
      const sent = Date.now();
      const r = await send();
      answers[`${what}_${r.status}`] = (answers[`${what}_${r.status}`] ?? 0) + 1;
      if (r.status < 500 || Date.now() > giveUpAt) return r;
      const retryAfter = Number(r.headers['retry-after']);
      if (r.status !== 503) wrong.push(`${what} answered ${r.status} ${r.body?.code}`);
      else if (r.body?.code !== 'UNAVAILABLE' || !(retryAfter > 0)) wrong.push(`${what} 503 without UNAVAILABLE and Retry-After: ${r.body?.code} ${String(r.headers['retry-after'])}`);
      else slowest503 = Math.max(slowest503, Date.now() - sent);
      await sleep(Math.min(retryAfter > 0 ? retryAfter * 1000 : 1_000, 10_000));
    }
  };

  const created = new Set<string>();
  const confirmed = new Set<string>();
  let slowestPost = 0;
  const place = async (i: number) => {
    const customer = customers[i % customers.length];
    const body = orderBody([{ productId: products[i % products.length], quantity: 1 + (i % 3) }]);
    const sent = Date.now();
    const placed = await untilAnswered('post', () => reply(stack.api(customer.token).POST('/v1/orders', { body, headers: { 'idempotency-key': `db-outage-${i}` } })));
    slowestPost = Math.max(slowestPost, Date.now() - sent);
    if (placed.status !== 201) return null;
    created.add(placed.body.id);
    return { id: placed.body.id as string, token: customer.token };
  };
  let slowestConfirm = 0;
  /** An admin confirms every other order; the customer reads the rest. */
  const follow = async (order: { id: string; token: string } | null, confirm: boolean) => {
    if (!order) return;
    if (!confirm) {
      await untilAnswered('get', () => reply(stack.api(order.token).GET('/v1/orders/{id}', { params: { path: { id: order.id } } })));
      return;
    }
    const sent = Date.now();
    const r = await untilAnswered('confirm', () => reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: order.id } } })));
    slowestConfirm = Math.max(slowestConfirm, Date.now() - sent);
    if (r.status === 200) confirmed.add(order.id);
  };

  // Half the orders exist before the outages; they are confirmed or read across them.
  const half = ORDERS / 2;
  const early = await Promise.all(Array.from({ length: half }, (_, i) => place(i)));
  const followEarly = async (j: number) => {
    await sleep(j * SPACING_MS + SPACING_MS / 2);
    await follow(early[j], j % 2 === 0);
  };
  // The other half are placed across the outages, then confirmed or read.
  const placeLate = async (j: number) => {
    await sleep(j * SPACING_MS);
    await follow(await place(half + j), j % 2 === 0);
  };

  let readyDuringCut: Reply | null = null;
  let partitionProbe = { status: 0, ms: 0 };
  const partition = async () => {
    proxy.stall();
    const stalledAt = Date.now();
    // Reads enough to take every pooled connection, each left hanging on the partitioned network...
    const flood = early.map((o) => o && untilAnswered('get', () => reply(stack.api(o.token).GET('/v1/orders/{id}', { params: { path: { id: o.id } } }))));
    await sleep(1_000);
    // ...then one more: it cannot get a connection and is told 503 soon, rather than waiting for the network.
    const sent = Date.now();
    const probe = await reply(stack.api(early[0]!.token).GET('/v1/orders/{id}', { params: { path: { id: early[0]!.id } } }));
    partitionProbe = { status: probe.status, ms: Date.now() - sent };
    await sleep(Math.max(PARTITION_MS - (Date.now() - stalledAt), 0));
    await proxy.restore();
    await Promise.all(flood);
  };
  const outages = async () => {
    await sleep(2_000);
    await proxy.cut();
    await sleep(SHORT_CUT_MS);
    await proxy.restore();
    await sleep(3_000);
    await proxy.cut();
    readyDuringCut = await reply(stack.api().GET('/readyz'));
    await sleep(LONG_CUT_MS);
    await proxy.restore();
    await sleep(2_000);
    await partition();
  };
  await Promise.all([outages(), ...Array.from({ length: half }, (_, j) => [followEarly(j), placeLate(j)]).flat()]);

  // Workflows resume: every order ends confirmed (if a confirm got through) or expired by its timer.
  const ids = [...created];
  await eventually(async () => {
    const rows: { id: string; status: string }[] = await direct('orders').whereIn('id', ids).select('id', 'status');
    expect(rows.filter((r) => r.status !== (confirmed.has(r.id) ? 'confirmed' : 'expired'))).toEqual([]);
  }, (TTL_SECONDS + 60) * 1000);

  const c = await checkConservation(direct, { created, customerIds: customers.map((x) => x.id), productIds: products });
  const http = Object.entries(answers).sort().map(([k, n]) => `${k}:${n}`).join(',');
  const counts = {
    outages: `cut${SHORT_CUT_MS / 1000}s+cut${LONG_CUT_MS / 1000}s+partition${PARTITION_MS / 1000}s`,
    attempted: ORDERS,
    created: created.size,
    confirmed: confirmed.size,
    http,
    slowest_503_ms: slowest503,
    slowest_post_ms: slowestPost,
    slowest_confirm_ms: slowestConfirm,
    partition_probe: `${partitionProbe.status}@${partitionProbe.ms}ms`,
    proxy_connections: proxy.connections,
  };
  console.log(conservationLine('db-outage', counts, c));
  expect(wrong).toEqual([]);
  expect(readyDuringCut).toMatchObject({ status: 503 });
  expect(partitionProbe.status).toBe(503);
  expect(partitionProbe.ms).toBeLessThan(8_000);
  expect(Object.keys(answers).some((k) => k.endsWith('_503'))).toBe(true);
  expect(created.size).toBe(ORDERS);
  expectConserved(c, created.size);
  expect(c.unanswered).toBe(0);
}, 240_000);
