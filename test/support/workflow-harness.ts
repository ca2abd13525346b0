import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { OrderView } from '../../domain/order-view';
import type { OrderAction } from '../../domain/order-status';
import { type ActionInput, actionUpdates, type CreationOutcome, orderWorkflowId, type OrderWorkflowInput, placeOrderUpdate } from '../../workflows/contract';
import { orderWorkflow } from '../../workflows/order-workflow';
import { ADDRESS } from './address';
import type { StubShop } from './stub-shop';

export const ADMIN = { type: 'admin', id: 'staff-1' } as const;
export const CUSTOMER = { type: 'customer', id: 'c-1' } as const;
export const SHIPMENT = { carrier: 'LBC', trackingNumber: 'LBC123456' };

/** One order workflow, driven through its typed messages as the API drives it. */
export interface OrderRun {
  orderId: string;
  handle: WorkflowHandle<typeof orderWorkflow>;
  /** Update-with-Start, as POST /v1/orders: the created order or the rejection. */
  place(requestHash?: string): Promise<CreationOutcome>;
  /** An admin action (or the customer's, with `actor`) as an Update. */
  act(action: OrderAction, input?: ActionInput): Promise<OrderView>;
}

export interface RunOptions {
  reservationTtlSeconds?: number;
  verificationTtlSeconds?: number;
}

/**
 * Runs the bundled order workflow on a real Temporal dev server (started by
 * test/workflow/global-setup.ts) with a StubShop's in-memory activities: each
 * run gets a task queue and worker of its own.
 */
export class WorkflowHarness {
  private constructor(
    readonly client: Client,
    private readonly native: NativeConnection,
  ) {}

  static async connect(): Promise<WorkflowHarness> {
    // Worker state changes are logged at INFO, several per test: only warnings (a refused signal, a failed step) are worth reading.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    const connection = await Connection.connect({ address });
    return new WorkflowHarness(new Client({ connection }), await NativeConnection.connect({ address }));
  }

  async close(): Promise<void> {
    await this.client.connection.close();
    await this.native.close();
  }

  worker(shop: StubShop, taskQueue: string): Promise<Worker> {
    return Worker.create({ connection: this.native, taskQueue, workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! }, activities: shop.activities });
  }

  order(taskQueue: string, opts: RunOptions = {}): OrderRun {
    const orderId = randomUUID();
    const workflowId = orderWorkflowId(orderId);
    const input: OrderWorkflowInput = {
      orderId,
      request: { customerId: CUSTOMER.id, items: [{ productId: 'p-1', quantity: 2 }], paymentMethod: 'gcash', shippingAddress: ADDRESS, source: 'api' },
      requestHash: 'request-1',
      origin: { clientIp: '127.0.0.1', userAgent: 'jest', idempotencyKey: null, actor: CUSTOMER },
      reservationTtlSeconds: opts.reservationTtlSeconds ?? 600,
      verificationTtlSeconds: opts.verificationTtlSeconds ?? 600,
      notify: { maxAttempts: 1, initialBackoffMs: 10 },
      bookkeepingInSteps: true,
    };
    const handle = this.client.workflow.getHandle<typeof orderWorkflow>(workflowId);
    return {
      orderId,
      handle,
      place: (requestHash = input.requestHash) =>
        this.client.workflow.executeUpdateWithStart(placeOrderUpdate, {
          args: [{ requestHash }],
          // As the API places it: a retry attaches to the running workflow.
          startWorkflowOperation: new WithStartWorkflowOperation(orderWorkflow, { workflowId, taskQueue, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' }),
        }),
      act: (action, arg = { actor: ADMIN }) => handle.executeUpdate(actionUpdates[action], { args: [arg] }),
    };
  }

  /** Starts a worker for the shop on a task queue of its own and runs `fn` with a new, not yet placed, order while it polls. */
  async run<T>(shop: StubShop, fn: (order: OrderRun) => Promise<T>, opts: RunOptions = {}): Promise<T> {
    const taskQueue = `workflow-test-${randomUUID()}`;
    const worker = await this.worker(shop, taskQueue);
    return worker.runUntil(fn(this.order(taskQueue, opts)));
  }
}

/** The failure type a refused or failed Update (or workflow) answered with. */
export async function failureTypeOf(pending: Promise<unknown>): Promise<string | undefined> {
  try {
    await pending;
  } catch (err) {
    for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
      if (cause instanceof ApplicationFailure) return cause.type ?? undefined;
    }
    throw err;
  }
  throw new Error('expected a failure, got an answer');
}
