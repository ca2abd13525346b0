import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { notificationWorkflowId, type NotificationWorkflowInput } from '../../workflows/contract';
import type { ActivityDeps } from '../deps';
import { queuedNotificationIds, queueNotifications } from './queue-notifications';
import type { NotificationTransports } from './transports';

/**
 * Starts the notification workflow of one order event as a workflow of its
 * own (not a child), so its progress never lands in the order's history: a
 * child's events arriving while an order completes would fail that workflow
 * task, and with it an admin's cancel or deliver. Idempotency key: the
 * workflow id notify-<order>-<event>, never reused, so a retry or a second
 * notify of the same event starts nothing. The notifications are recorded
 * first: when none is left to send (no recipient, no transport configured)
 * no workflow is started at all.
 */
export function startNotifications(deps: ActivityDeps, transports: NotificationTransports) {
  const queue = queueNotifications(deps, transports);
  return async (input: NotificationWorkflowInput): Promise<void> => {
    await queue(input.orderId, input.event);
    await startQueuedNotifications(deps, input);
  };
}

/** Starts the event's notification workflow when something of it is still queued; idempotent by workflow id. */
export async function startQueuedNotifications(deps: ActivityDeps, input: NotificationWorkflowInput): Promise<void> {
  if (!deps.temporal) throw new Error('starting notifications needs the Temporal client in ActivityDeps.temporal');
  if ((await queuedNotificationIds(deps.db, input.orderId, input.event)).length === 0) return;
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
}
