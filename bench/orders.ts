import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../lib/config';
import { readDevSecret } from '../lib/dev-secret';
import { mintToken } from '../lib/tokens';
import { confirmUpdate, createdUpdate } from './bare-workflow';
import { pool, summarize, type RunResult } from './stats';

/**
 * npm run bench: against a running stack (npm start, or BENCH_API_URL), creates
 * and confirms orders through the HTTP API at a given concurrency, then runs a
 * bare workflow of the same shape on the same Temporal server, so the ratio
 * to Temporal's ceiling on this machine is known.
 *   BENCH_ORDERS (200)  BENCH_CONCURRENCY (20)  BENCH_API_URL (http://127.0.0.1:3000)
 *   BENCH_TOKEN (default: an admin token from ./data's dev secret)  TEMPORAL_ADDRESS (127.0.0.1:7233)
 * The stack must allow many orders from one IP and one token: start it with
 *   VELOCITY_PER_IP_PER_HOUR=1000000 VELOCITY_PER_CUSTOMER_PER_HOUR=1000000 \
 *   RATE_LIMIT_PER_SECOND=0 RATE_LIMIT_ORDERS_PER_MINUTE=0 npm start
 */
const total = Number(process.env.BENCH_ORDERS ?? 200);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
const api = process.env.BENCH_API_URL ?? 'http://127.0.0.1:3000';
const config = loadConfig();
const token = process.env.BENCH_TOKEN ?? mintToken(config.jwtSecret ?? readDevSecret(config.dataDir), 'bench', 'admin');

/** The few fields of API answers the bench reads. */
type Answer = { id: string; errors?: unknown };

async function http(method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Answer };
}

async function benchApi(): Promise<RunResult> {
  const product = await http('POST', '/v1/products', { sku: `BENCH-${randomUUID()}`, name: 'Bench item', priceCentavos: 1_000, stockOnHand: total * 2 });
  const customer = await http('POST', '/v1/customers', { email: `bench-${randomUUID()}@example.ph`, name: 'Bench Buyer' });
  if (product.status !== 201 || customer.status !== 201) throw new Error(`setup failed: ${JSON.stringify([product.json, customer.json])}`);
  const createMs: number[] = [];
  const body = {
    customerId: customer.json.id,
    items: [{ productId: product.json.id, quantity: 1 }],
    paymentMethod: 'gcash',
    shippingAddress: { recipientName: 'Bench', phone: '09171234567', line1: '1 Ayala Ave', barangay: 'Bel-Air', city: 'Makati City', province: 'Metro Manila', postalCode: '1209' },
  };
  const started = performance.now();
  await pool(total, concurrency, async () => {
    const t0 = performance.now();
    const created = await http('POST', '/v1/orders', body);
    createMs.push(performance.now() - t0);
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.json.errors ?? created.json)}`);
    const confirmed = await http('POST', `/v1/orders/${created.json.id}/confirm`);
    if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}`);
  });
  return { label: 'orders via HTTP API', orders: total, seconds: (performance.now() - started) / 1000, createMs };
}

async function benchBare(address: string): Promise<RunResult> {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: require.resolve('./bare-workflow'),
    activities: { noop: async () => undefined },
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address }) });
  const createMs: number[] = [];
  const started = performance.now();
  await pool(total, concurrency, async () => {
    const workflowId = `bench-${randomUUID()}`;
    const t0 = performance.now();
    await client.workflow.executeUpdateWithStart(createdUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation('bareOrderWorkflow', { workflowId, taskQueue, workflowIdConflictPolicy: 'USE_EXISTING' }),
    });
    createMs.push(performance.now() - t0);
    await client.workflow.getHandle(workflowId).executeUpdate(confirmUpdate);
  });
  const seconds = (performance.now() - started) / 1000;
  worker.shutdown();
  await running;
  return { label: 'bare workflow (ceiling)', orders: total, seconds, createMs };
}

async function main(): Promise<void> {
  const address = config.temporalAddress ?? '127.0.0.1:7233';
  console.log(`bench: ${total} orders, concurrency ${concurrency}, API ${api}, Temporal ${address}`);
  const ours = await benchApi();
  console.log(summarize(ours));
  const bare = await benchBare(address);
  console.log(summarize(bare));
  console.log(`throughput ratio (API / bare workflow): ${((ours.orders / ours.seconds) / (bare.orders / bare.seconds)).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
