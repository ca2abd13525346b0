import os from 'node:os';
import type { Client } from '@temporalio/client';
import { orderWorkflowId } from '../../workflows/contract';
import { act, apiUrls, createCustomer, createProduct, partPids, placeOrder, startPart, stopPart, temporalClient } from '../support/stack-shape';

const [api1, api2] = apiUrls();
let client: Client;
beforeAll(async () => {
  client = await temporalClient();
});
afterAll(() => client.connection.close());

/** A worker's identity in workflow histories (the SDK's default: pid@host). */
const identityOf = (part: 'worker-1' | 'worker-2') => `${partPids()[part]}@${os.hostname()}`;

/** The workers that completed the order workflow's tasks, from its history. */
async function workersOf(orderId: string): Promise<Set<string>> {
  const history = await client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
  return new Set((history.events ?? []).map((e) => e.workflowTaskCompletedEventAttributes?.identity).filter((id): id is string => !!id));
}

async function placeAndConfirm(customer: { token: string }, productId: string, i: number): Promise<string> {
  const created = await placeOrder(i % 2 ? api2 : api1, customer, productId);
  expect(created.status).toBe(201);
  const confirmed = await act(i % 2 ? api1 : api2, created.body.id, 'confirm');
  expect([confirmed.status, confirmed.body.status]).toEqual([200, 'confirmed']);
  return created.body.id;
}

describe('two worker processes on one task queue', () => {
  it('share the orders between them', async () => {
    const customer = await createCustomer(api1);
    const productId = await createProduct(api1, 1000);
    const seen = new Set<string>();
    // Batches until both have worked: the server hands each new workflow to whichever worker polls first.
    for (let batch = 0; batch < 10 && seen.size < 2; batch++) {
      const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => placeAndConfirm(customer, productId, i)));
      for (const id of ids) for (const w of await workersOf(id)) seen.add(w);
    }
    expect([...seen].sort()).toEqual([identityOf('worker-1'), identityOf('worker-2')].sort());
  });

  it('keep serving every order while one worker process is stopped', async () => {
    const customer = await createCustomer(api2);
    const productId = await createProduct(api2, 100);
    await stopPart('worker-1');
    try {
      const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => placeAndConfirm(customer, productId, i)));
      for (const id of ids) expect([...(await workersOf(id))]).toEqual([identityOf('worker-2')]);
    } finally {
      await startPart('worker', 0);
    }
  });

  it('finish the orders of a worker process that crashed on the other one', async () => {
    const customer = await createCustomer(api1);
    const productId = await createProduct(api1, 100);
    const crashed = identityOf('worker-2');
    // Pending orders until one sits in worker-2's cache, waiting for its confirmation.
    const onCrashed: string[] = [];
    for (let i = 0; i < 60 && onCrashed.length < 2; i++) {
      const created = await placeOrder(i % 2 ? api2 : api1, customer, productId);
      expect(created.status).toBe(201);
      if ((await workersOf(created.body.id)).has(crashed)) onCrashed.push(created.body.id);
    }
    expect(onCrashed.length).toBeGreaterThan(0);

    await stopPart('worker-2', 'SIGKILL');
    try {
      for (const id of onCrashed) {
        // Its sticky task queue times out (10 s) and the other worker replays the history from Temporal.
        const confirmed = await act(api2, id, 'confirm');
        expect([confirmed.status, confirmed.body.status]).toEqual([200, 'confirmed']);
        expect(await workersOf(id)).toContain(identityOf('worker-1'));
      }
    } finally {
      await startPart('worker', 1);
    }
  });
});
