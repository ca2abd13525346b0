import type { Client } from '@temporalio/client';
import { orderWorkflowId } from '../../workflows/contract';
import { scheduleIds } from '../../workers/schedules';
import { loadConfig } from '../../lib/config';
import { act, apiUrls, createCustomer, createProduct, eventually, placeOrder, shapeState, temporalClient } from '../support/stack-shape';

const [api1, api2] = apiUrls();
const taskQueue = shapeState().settings.env.TASK_QUEUE;
let client: Client;
beforeAll(async () => {
  client = await temporalClient();
});
afterAll(() => client.connection.close());

async function workflowIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

describe('Temporal visibility on SQL (PostgreSQL)', () => {
  it('finds orders by their search attributes, as an operator does in the Web UI', async () => {
    const customer = await createCustomer(api1);
    const productId = await createProduct(api1, 10);
    const [pending, confirmed] = [await placeOrder(api1, customer, productId), await placeOrder(api2, customer, productId)];
    expect((await act(api2, confirmed.body.id, 'confirm')).status).toBe(200);

    // Visibility is written after the fact: wait for it rather than for a fixed time.
    await eventually(async () => {
      expect(await workflowIds(`CustomerId = "${customer.id}" AND OrderStatus = "confirmed"`)).toEqual([orderWorkflowId(confirmed.body.id)]);
      expect(await workflowIds(`CustomerId = "${customer.id}" AND OrderStatus = "pending" AND PaymentMethod = "gcash" AND OrderTotal > 0`)).toEqual([
        orderWorkflowId(pending.body.id),
      ]);
    });
  });

  it('runs the Schedules the workers keep, and lists them', async () => {
    const ids = scheduleIds(loadConfig({ TASK_QUEUE: taskQueue }));
    await eventually(async () => {
      const listed: string[] = [];
      for await (const s of client.schedule.list()) listed.push(s.scheduleId);
      expect(listed).toEqual(expect.arrayContaining([ids.sweeper, ids.retention]));
    });

    await client.schedule.getHandle(ids.sweeper).trigger();
    await eventually(async () => {
      const runs = await workflowIds(`WorkflowType = "sweeperWorkflow" AND TaskQueue = "${taskQueue}" AND ExecutionStatus = "Completed"`);
      expect(runs.length).toBeGreaterThan(0);
    });
  });
});
