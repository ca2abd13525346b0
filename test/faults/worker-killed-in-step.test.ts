import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FaultPoint } from '../support/fault-worker';
import { createCustomer, createProduct, eventually, orderBody, type Reply } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { checkConservation, conservationLine, expectConserved } from './conservation';
import { killHard, spawnTs, waitForMarkers, type Proc } from './processes';
import { reply } from '../support/api';

/**
 * The worker process is SIGKILLed while a batch of orders is stopped inside
 * one step (test/support/fault-worker.ts parks each step at the point and
 * the test kills the process once the whole batch is there), then a plain
 * worker takes over: every order must finish its step, once.
 */
const PER_POINT = 25;

let stack: Stack;
let hookDir: string;
let worker: Proc | null = null;
beforeAll(async () => {
  // A POST waits for its answer through the worker's restart (about 10 s) even on a busy machine.
  stack = await startStack({ worker: false, env: { ORDER_ANSWER_TIMEOUT_SECONDS: '60' } });
  hookDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-faults-'));
});
afterAll(async () => {
  if (worker) await killHard(worker);
  fs.rmSync(hookDir, { recursive: true, force: true });
  await stack.close();
});

function startWorker(point?: FaultPoint): Proc {
  return spawnTs('test/support/fault-worker.ts', { ...stack.env, WORKER_METRICS_PORT: '0', FAULT_POINT: point, FAULT_HOOK_DIR: hookDir });
}

/** The next worker, for the next point. The one before is idle by now: a kill costs nothing and is quicker than its graceful stop. */
async function switchTo(point?: FaultPoint): Promise<void> {
  if (worker) await killHard(worker);
  worker = startWorker(point);
}

/**
 * Once `count` steps are parked at the point, kill the worker and read what
 * the dead worker left in the database (before anyone could redo it): the
 * statuses of the parked orders. Then a plain worker takes over.
 */
async function killAt(point: FaultPoint, count: number): Promise<(string | null)[]> {
  const parked = (await waitForMarkers(hookDir, `${point}.`, count, 90_000, worker!)).map((f) => f.slice(point.length + 1));
  await killHard(worker!);
  const rows: { id: string; status: string }[] = await stack.db('orders').whereIn('id', parked).select('id', 'status');
  worker = startWorker();
  return parked.map((id) => rows.find((r) => r.id === id)?.status ?? null);
}

const statuses = async (ids: string[]) => (await stack.db('orders').whereIn('id', ids).pluck('status')) as string[];
const all = (status: number | string | null) => Array(PER_POINT).fill(status);

it('finishes every order whose worker was killed inside a step, and applies no stock step twice', async () => {
  const customers = await Promise.all([1, 2, 3, 4, 5].map(() => createCustomer(stack)));
  // Orders being created share a few products, so they contend for the same stock rows.
  const shared = await Promise.all([1, 2, 3, 4].map(() => createProduct(stack, { stockOnHand: 1_000, priceCentavos: 2_500 })));
  const created = new Set<string>();
  const report: string[] = [];
  let attempted = 0;
  const placeBatch = (lines: (i: number) => { productId: string; quantity: number }[]): Promise<Reply[]> =>
    Promise.all(
      Array.from({ length: PER_POINT }, (_, i) => {
        const n = ++attempted;
        const customer = customers[n % customers.length];
        return reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody(lines(i)), headers: { 'idempotency-key': `worker-kill-${n}` } }));
      }),
    );
  const keep = (replies: Reply[]) => replies.filter((r) => r.status === 201).forEach((r) => created.add(r.body.id));
  // e.g. create:after-commit:at_kill=pending*25:ok=25/25 (the parked orders' statuses when the worker died)
  const tally = (point: FaultPoint, atKill: (string | null)[], replies: Reply[]) => {
    const counts = [...new Set(atKill)].map((s) => `${s ?? 'none'}*${atKill.filter((x) => x === s).length}`).join('+');
    report.push(`${point}:at_kill=${counts}:ok=${replies.filter((r) => r.status < 300).length}/${replies.length}`);
  };

  // Killed while creating an order: before its transaction (nothing written yet) or after it committed (the order exists).
  for (const [point, atKill] of [['create:before', null], ['create:after-commit', 'pending']] as const) {
    await switchTo(point);
    const placing = placeBatch((i) => [{ productId: shared[i % 4], quantity: 1 + (i % 3) }, { productId: shared[(i + 1) % 4], quantity: 1 }]);
    const left = await killAt(point, PER_POINT);
    expect(left).toEqual(all(atKill));
    const replies = await placing;
    tally(point, left, replies);
    keep(replies);
    expect(replies.map((r) => r.status)).toEqual(all(201));
  }

  // Killed while confirming: inside the transaction (rows locked, rolled back by the kill) or after it committed.
  // One product per order here: a parked transaction keeps its product's row locked.
  const confirmedIds: string[] = [];
  const ownProducts: string[] = [];
  for (const [point, atKill] of [['confirm:in-tx', 'pending'], ['confirm:after-commit', 'confirmed']] as const) {
    await switchTo(point);
    const own = await Promise.all(Array.from({ length: PER_POINT }, () => createProduct(stack, { stockOnHand: 10, priceCentavos: 4_000 })));
    const orders = await placeBatch((i) => [{ productId: own[i], quantity: 2 }]);
    keep(orders);
    expect(orders.map((r) => r.status)).toEqual(all(201));
    const ids = orders.map((r) => r.body.id as string);
    const confirming = Promise.all(ids.map((id) => reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id } } }))));
    const left = await killAt(point, PER_POINT);
    expect(left).toEqual(all(atKill));
    const replies = await confirming;
    tally(point, left, replies);
    expect(replies.map((r) => r.status)).toEqual(all(200));
    confirmedIds.push(...ids);
    ownProducts.push(...own);
  }
  await eventually(async () => expect(await statuses(confirmedIds)).toEqual(Array(confirmedIds.length).fill('confirmed')), 60_000);

  const c = await checkConservation(stack.db, { created, customerIds: customers.map((x) => x.id), productIds: [...shared, ...ownProducts] });
  const commits = Number((await stack.db('inventory_movements').whereIn('order_id', confirmedIds).where({ kind: 'commit' }).count({ n: '*' }).first())?.n);
  console.log(conservationLine('worker-kill', { attempted, created: created.size, confirmed: confirmedIds.length, commit_movements: commits, points: report.join(',') }, c));
  expectConserved(c, created.size);
  expect(c.unanswered).toBe(0);
  expect(commits).toBe(confirmedIds.length);
}, 240_000);
