import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { notificationWorkflowId, type NotificationWorkflowInput } from '../../workflows/notification-input';
import type { ActivityDeps } from '../deps';

/**
 * Starts the notification workflow of one order event as a workflow of its
 * own (not a child), so its progress never lands in the order's history: a
 * child's events arriving while an order completes would fail that workflow
 * task, and with it an admin's cancel or deliver. Idempotency key: the
 * workflow id notify-<order>-<event>, never reused, so a retry or a second
 * notify of the same event starts nothing.
 */
export function startNotifications(deps: ActivityDeps) {
  return async (input: NotificationWorkflowInput): Promise<void> => {
    if (!deps.temporal) throw new Error('startNotifications needs the Temporal client in ActivityDeps.temporal');
    try {
      await deps.temporal.workflow.start('notificationWorkflow', {
        workflowId: notificationWorkflowId(input.orderId, input.event),
        taskQueue: deps.config.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  };
}
