import { isCancellation, log, ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { NotificationEvent } from '../domain/notifications';
import { notificationWorkflowId, type NotifyOptions } from './notification-input';
import { notificationWorkflow } from './notification-workflow';

/**
 * For use inside the order workflow: notifies the customer of an event
 * without waiting for delivery. Starts notificationWorkflow as a child the
 * order abandons (it outlives the order) under a deterministic id, and awaits
 * only its start. Never fails the order: a start refused because this event
 * was already notified, or any other start error, is logged.
 */
export async function notify(orderId: string, event: NotificationEvent, opts: NotifyOptions): Promise<void> {
  try {
    await startChild(notificationWorkflow, {
      workflowId: notificationWorkflowId(orderId, event),
      // Field by field: the input lands in workflow history, so nothing else from config may ride along.
      args: [{ orderId, event, maxAttempts: opts.maxAttempts, initialBackoffMs: opts.initialBackoffMs }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if (isCancellation(err)) throw err;
    log.warn('notification not started', { orderId, event, error: String(err) });
  }
}
