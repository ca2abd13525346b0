import fc from 'fast-check';
import { OrderRequest } from '../../domain/order-request';
import { endOpenWorkflows, pauseWebhookSubscriptions } from '../support/openapi-fuzz-cleanup';
import { operationsOf, requestsFor, type FuzzRequest, type Operation } from '../support/openapi-fuzz-requests';
import { failureReport, neverOkLine, runFuzz, summaryLine } from '../support/openapi-fuzz-run';
import { buildFuzzWorld } from '../support/openapi-fuzz-world';
import { startStack, type Stack } from '../support/stack';

/**
 * Hostile-input fuzzing of every operation in GET /openapi.json. Reproduce a
 * run with FUZZ_SEED=<seed printed below>; FUZZ_RUNS sets the number of
 * requests (default 10,000), FUZZ_MAX_ORDERS how many valid orders may start
 * a workflow (the rest of POST /v1/orders exercises validation and auth),
 * FUZZ_ONLY a pattern of the operations to fuzz ("PATCH /v1/promo-codes").
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const MAX_ORDERS = Number(process.env.FUZZ_MAX_ORDERS ?? 40);
const ONLY = new RegExp(process.env.FUZZ_ONLY ?? '');

let stack: Stack;
const startedAt = new Date();
beforeAll(async () => {
  // Believe X-Forwarded-For from inject's 127.0.0.1, as from a proxy that passes a client's junk along.
  stack = await startStack({ env: { TRUST_PROXY: 'loopback' } });
});
afterAll(async () => {
  await endOpenWorkflows(stack);
  await pauseWebhookSubscriptions(stack, startedAt);
  await stack.close();
}, 60_000);

it('answers thousands of generated hostile requests across every operation without a 5xx or a leak of internals', async () => {
  console.log(`fuzz: seed=${SEED} runs=${RUNS} (reproduce with FUZZ_SEED=${SEED})`);
  const { world, accepted } = await buildFuzzWorld(stack);
  const doc = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const operations = operationsOf(doc).filter((op) => ONLY.test(name(op)));
  expect(operations.length).toBeGreaterThan(ONLY.source === '(?:)' ? 30 : 0);

  const perOperation = operations.map((op, i) => fc.sample(requestsFor(op, world), { seed: SEED + i, numRuns: Math.ceil(RUNS / operations.length) }));
  // Round robin, so every operation is spread over the whole run.
  const requests = perOperation[0]!.flatMap((_, round) => perOperation.map((reqs) => reqs[round]!));

  let ordersLeft = MAX_ORDERS;
  const capWorkflowStarts = (req: FuzzRequest): FuzzRequest => {
    if (!startsOrderWorkflow(req, accepted)) return req;
    if (ordersLeft-- > 0) return req;
    // Over budget: the same request with a field the strict schema refuses, so it stops at validation.
    return { ...req, payload: JSON.stringify({ ...JSON.parse(req.payload!), overBudget: true }) };
  };

  const started = Date.now();
  const stats = await runFuzz(stack.app, requests, { concurrency: 8, timeoutMs: 15_000, prepare: capWorkflowStarts });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  console.log(`${summaryLine(stats, operations.length, SEED)} valid_orders=${MAX_ORDERS - Math.max(ordersLeft, 0)} seconds=${seconds}`);
  const neverOk = neverOkLine(stats);
  if (neverOk) console.log(neverOk);

  // Whatever was accepted, the stock ledger still adds up.
  const audit = await stack.app.inject({ method: 'GET', url: '/v1/reports/audit', headers: { authorization: `Bearer ${stack.adminToken}` } });
  expect(audit.json()).toMatchObject({ clean: true });
  expect(Object.keys(stats.byOperation).sort()).toEqual(operations.map(name).sort());
  expect(stats.requests).toBeGreaterThanOrEqual(RUNS);
  expect({ failures: stats.failures.length, seed: SEED, report: failureReport(stats) }).toEqual({ failures: 0, seed: SEED, report: '' });
});

const name = (op: Operation) => `${op.method} ${op.path}`;

/** A POST /v1/orders that would pass authentication and the schema, and so start an order workflow. */
function startsOrderWorkflow(req: FuzzRequest, accepted: Set<string>): boolean {
  if (req.operation !== 'POST /v1/orders' || req.method !== 'POST' || !accepted.has(req.headers.authorization ?? '')) return false;
  try {
    return OrderRequest.safeParse(JSON.parse(req.payload ?? '')).success;
  } catch {
    return false;
  }
}
