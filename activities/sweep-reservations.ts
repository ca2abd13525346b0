import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import type { Actor } from '../domain/order-view';
import { ordersHoldingExpiredStock, releaseOrphanedStock } from '../store/orphaned-reservations';
import { orderWorkflowId } from '../workflows/contract';
import { startPendingRefunds } from './payments/refund-starter';
import { clock, type ActivityDeps } from './deps';
import { recordError } from './record-error';
import { startOrderWebhooks } from './webhooks/start-deliveries';

const SWEEPER: Actor = { type: 'system', id: 'reservation-sweeper' };
const PAGE = 200;
/** Only these mean the order's workflow will never release its stock; anything else (running, paused, unknown) is left alone. */
const GONE: ReadonlySet<WorkflowExecutionStatusName | 'NOT_FOUND'> = new Set(['NOT_FOUND', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT'] as const);

export interface SweepResult {
  /** orders with an active reservation past its expiry */
  checked: number;
  /** orders whose workflow was gone and whose stock was released here */
  released: string[];
}

/**
 * Finds active reservations past their expiry whose order workflow is gone
 * (not found, or closed), releases their stock, expires the order if it
 * still held the reservation, and logs each as an ORPHANED_RESERVATION
 * error - all in one transaction per order. Idempotent: every write is
 * guarded by the reservation's or the order's current status, and the error
 * row is deduplicated by order. A Temporal outage is retried, never taken
 * for "gone"; a worker without a Temporal client is a non-retryable
 * configuration error.
 */
export function sweepReservations(deps: ActivityDeps) {
  return async (): Promise<SweepResult> => {
    const temporal = deps.temporal;
    if (!temporal) throw ApplicationFailure.nonRetryable('the worker was built without a Temporal client', 'MISCONFIGURED');
    const now = clock(deps);
    const result: SweepResult = { checked: 0, released: [] };
    // Keyset pages, so orders whose workflow is alive never hide the ones behind them.
    for (let after = ''; ; ) {
      const page = await ordersHoldingExpiredStock(deps.db, now, after, PAGE);
      for (const orderId of page) {
        const workflow = await workflowStatus(temporal, orderId);
        if (GONE.has(workflow) && (await releaseOrphan(deps, orderId, workflow, now))) {
          result.released.push(orderId);
          await startOrderWebhooks(deps, orderId);
          // Expiring an order refunds what it had taken (a payment that raced the ending).
          await startPendingRefunds(deps, orderId);
        }
      }
      result.checked += page.length;
      if (page.length < PAGE) return result;
      after = page[page.length - 1];
    }
  };
}

async function workflowStatus(temporal: Client, orderId: string): Promise<WorkflowExecutionStatusName | 'NOT_FOUND'> {
  try {
    return (await temporal.workflow.getHandle(orderWorkflowId(orderId)).describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'NOT_FOUND';
    throw err;
  }
}

/** false when nothing was left to release (another sweep, or the workflow's own last step, got there first). */
async function releaseOrphan(deps: ActivityDeps, orderId: string, workflow: string, now: Date): Promise<boolean> {
  return deps.db.transaction(async (trx) => {
    const reason = `reservation expired; order workflow ${workflow.toLowerCase().replace(/_/g, ' ')}`;
    const released = await releaseOrphanedStock(trx, orderId, SWEEPER, reason, now, deps.config.rules);
    if (!released) return false;
    // In the same transaction, so a crash cannot release the stock without the anomaly being logged.
    await recordError({ ...deps, db: trx })({
      orderId,
      category: 'inventory',
      severity: 'high',
      code: 'ORPHANED_RESERVATION',
      message: `Released the stock of order ${orderId} (${released.from ?? 'no order row'}): ${reason}`,
      details: { workflow, orderStatus: released.from, lines: released.lines },
    });
    return true;
  });
}
