import { orderIdFor } from '../../api/order-ids';
import type { OrderActivities } from '../../activities';
import { orderWorkflowId } from '../../workflows/contract';
import { createCustomer, createProduct, eventually, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { checkConservation, conservationLine, expectConserved } from './conservation';
import { freePort } from '../support/process';
import { killHard, spawnTs, type Proc } from './processes';

/**
 * The API as its own process (api/main.ts), SIGKILLed while a POST /v1/orders
 * is in flight: the order's workflow has started and its validation step is
 * held by the test's worker, so the request is inside the API waiting for the
 * answer. The client, having got no answer, sends the same request again
 * with the same Idempotency-Key to the restarted API.
 */
let stack: Stack;
let api: Proc | null = null;
let port: number;
let holding = false;
let release: () => void = () => undefined;
let released = Promise.resolve();
const arrived: string[] = [];

/** Validation waits while `holding`: the test decides when the workflow may go on. */
const holdValidation = (a: OrderActivities): OrderActivities => ({
  ...a,
  validateOrder: async (input) => {
    if (holding) {
      arrived.push(input.request.customerId);
      await released;
    }
    return a.validateOrder(input);
  },
});

beforeAll(async () => {
  stack = await startStack({ wrapActivities: holdValidation });
  port = await freePort();
});
afterAll(async () => {
  if (api) await killHard(api);
  await stack.close();
});

async function startApi(): Promise<Proc> {
  const proc = spawnTs('api/main.ts', { ...stack.env, PORT: String(port) });
  await eventually(async () => {
    if (proc.child.exitCode !== null) throw new Error(`the API exited: ${proc.output()}`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 60_000);
  return proc;
}

function hold(): void {
  holding = true;
  released = new Promise((resolve) => (release = resolve));
}
function letGo(): void {
  holding = false;
  release();
}

it('gives the same order, created once, to a POST retried after the API was killed while answering it', async () => {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 10, priceCentavos: 7_500 });
  const post = (key: string) =>
    fetch(`http://127.0.0.1:${port}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(orderBody([{ productId, quantity: 2 }])),
    });
  const outcomes: string[] = [];

  // Killed with the POST in flight, then the retry comes after the workflow has gone on (case a)
  // or while its step is still held, so the retry waits on the same workflow (case b).
  for (const retryWhile of ['after', 'held'] as const) {
    api = await startApi();
    hold();
    const key = `api-kill-${retryWhile}`;
    const inFlight = post(key).then(
      (r) => `answered ${r.status}`,
      () => 'no answer',
    );
    await eventually(async () => expect(arrived).toContain(customer.id), 30_000);
    arrived.length = 0;
    await killHard(api);
    expect(await inFlight).toBe('no answer');
    if (retryWhile === 'after') letGo();
    api = await startApi();
    const retry = post(key);
    if (retryWhile === 'held') setTimeout(letGo, 1_000);
    const res = await retry;
    const body = (await res.json()) as { id: string; status: string };
    outcomes.push(`${retryWhile}:${res.status}`);
    expect(res.status).toBe(201);
    expect(body.id).toBe(orderIdFor(customer.id, key));
    expect(body.status).toBe('pending');
    await killHard(api);
    api = null;
  }

  const ids = ['after', 'held'].map((k) => orderIdFor(customer.id, `api-kill-${k}`));
  const rows = await stack.db('orders').where({ customer_id: customer.id }).pluck('id');
  expect(rows.sort()).toEqual([...ids].sort());
  // One workflow run per key: the retries attached to the workflow the killed request had started.
  const runs = async (id: string) => {
    let n = 0;
    for await (const _ of stack.client.workflow.list({ query: `WorkflowId = "${orderWorkflowId(id)}"` })) n++;
    return n;
  };
  await eventually(async () => expect(await Promise.all(ids.map(runs))).toEqual([1, 1]), 20_000);
  const reservations = await stack.db('reservations').whereIn('order_id', ids).select('order_id', 'quantity', 'status');
  expect(reservations).toHaveLength(2);
  const c = await checkConservation(stack.db, { created: new Set(ids), customerIds: [customer.id], productIds: [productId] });
  console.log(conservationLine('api-kill', { attempted: 2, posts: 4, created: ids.length, order_rows: rows.length, workflow_runs: (await Promise.all(ids.map(runs))).reduce((a, b) => a + b, 0), retries: outcomes.join(','), reserved_units: reservations.reduce((n, r) => n + Number(r.quantity), 0) }, c));
  expectConserved(c, ids.length);
  expect(c.unanswered).toBe(0);
}, 180_000);
