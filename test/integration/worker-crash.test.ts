import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { orderIdFor } from '../../api/order-ids';
import { createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(() => stack.close());

/**
 * The production worker process (workers/main.ts), on this stack's task queue.
 * One node process with tsx as a loader (not the tsx CLI, which forks a
 * child that a SIGKILL would leave running).
 */
function startWorkerProcess(): ChildProcess {
  const root = path.join(__dirname, '..', '..');
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'workers', 'main.ts')], {
    cwd: root,
    env: { ...process.env, ...stack.env, WORKER_METRICS_PORT: '0' },
    stdio: 'ignore',
  });
}

function kill(worker: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.kill('SIGKILL');
  });
}

it('completes an order whose worker was killed mid-order and restarted', async () => {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: 10 });

  // The first worker dies right after it has run the order's first workflow task.
  const headers = { 'idempotency-key': 'crash-1' };
  const handle = stack.client.workflow.getHandle(`order-${orderIdFor(customer.id, 'crash-1')}`);
  const placing = reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }]), headers }));
  let worker = startWorkerProcess();
  await eventually(async () => {
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.workflowTaskCompletedEventAttributes)).toBe(true);
  }, 60_000);
  await kill(worker);
  worker = startWorkerProcess();
  const created = await placing;
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('pending');
  expect((await product(stack, productId)).stockReserved).toBe(2);

  // A confirm sent as a signal (as from the Web UI) while the worker is down is applied after restart.
  await kill(worker);
  await handle.signal('confirm', { actor: { type: 'admin', id: 'ops' } });
  worker = startWorkerProcess();
  try {
    await eventually(async () => {
      const res = await reply(stack.api(customer.token).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }));
      expect(res.body.status).toBe('confirmed');
    }, 60_000);
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 8, stockReserved: 0 });
    const moves = await stack.db('inventory_movements').where({ product_id: productId }).whereIn('kind', ['reserve', 'commit']).select('kind');
    expect(moves.map((m) => m.kind).sort()).toEqual(['commit', 'reserve']);
  } finally {
    await kill(worker);
  }
}, 180_000);
