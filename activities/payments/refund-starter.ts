import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { AppConfig } from '../../lib/config';
import { pendingRefundIds } from '../../store/refund-store';
import { refundWorkflowId, type RefundWorkflowInput } from '../../workflows/contract';

/**
 * Starts the refund workflow of each refund the order has pending: the engine
 * then sends it to the provider and retries it. Idempotent by workflow id
 * (refund-<id>, never reused), so the activity that reserved a refund, a
 * retry of it, and the API may all call this.
 */
export async function startPendingRefunds(deps: { db: Knex; temporal?: Client; config: AppConfig }, orderId: string): Promise<void> {
  const ids = await pendingRefundIds(deps.db, orderId);
  if (!ids.length) return;
  if (!deps.temporal) throw new Error('starting refunds needs the Temporal client');
  for (const refundId of ids) {
    const input: RefundWorkflowInput = { refundId, orderId, ...deps.config.payments.refund };
    try {
      await deps.temporal.workflow.start('refundWorkflow', { workflowId: refundWorkflowId(refundId), taskQueue: deps.config.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}
