import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { call, createCustomer, createProduct, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { temporalCliPath } from '../../lib/temporal-dev-server';

/**
 * Replay: histories recorded from earlier versions of the order workflow
 * (test/fixtures/histories) must still replay against the current code, or a
 * change would break orders already running in production. Fresh histories
 * are replayed too. RECORD_HISTORIES=1 writes the fresh ones as new fixtures.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'histories');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function finishedOrder(actions: string[]): Promise<string> {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack);
  const created = await call(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }]) });
  for (const action of actions) {
    const body = action === 'ship' ? { carrier: 'LBC', trackingNumber: 'LBC123' } : undefined;
    const res = await call(stack, 'POST', `/v1/orders/${created.body.id}/${action}`, { token: stack.adminToken, body });
    expect(res.status).toBe(200);
  }
  const workflowId = `order-${created.body.id}`;
  await stack.client.workflow.getHandle(workflowId).result();
  // The CLI writes the proto-JSON form that historyFromJSON (and the Web UI's download) use.
  const args = ['workflow', 'show', '--workflow-id', workflowId, '--address', stack.config.temporalAddress!, '--output', 'json'];
  return execFileSync(temporalCliPath(), args, { encoding: 'utf8' });
}

function replayOptions() {
  return { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } };
}

it('replays fresh histories of delivered and cancelled orders against the current workflow code', async () => {
  const fresh = {
    delivered: await finishedOrder(['confirm', 'processing', 'ship', 'deliver']),
    cancelled: await finishedOrder(['cancel']),
  };
  for (const [name, json] of Object.entries(fresh)) {
    await Worker.runReplayHistory(replayOptions(), historyFromJSON(JSON.parse(json)), `order-${name}`);
    if (process.env.RECORD_HISTORIES === '1') fs.writeFileSync(path.join(FIXTURES, `order-${name}.json`), json);
  }
});

it('replays every recorded history in test/fixtures/histories', async () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')));
    await expect(Worker.runReplayHistory(replayOptions(), history, file)).resolves.toBeUndefined();
  }
});
