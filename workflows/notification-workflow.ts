import { ActivityFailure, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '../activities/notifications';
import type { NotificationWorkflowInput, NotificationWorkflowResult } from './contract';

// Bookkeeping (database) steps retry like the order workflow's, never forever.
const bookkeeping = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 12 },
});

/**
 * Delivers one order event's notifications, the channels in parallel, each
 * with its own retries: maxAttempts, exponential backoff from
 * initialBackoffMs. When the last attempt fails the notification is marked
 * dead and an error row is written. It runs apart from the order (started
 * by notify.ts as a workflow of its own), so delivery never holds the order up.
 */
export async function notificationWorkflow(input: NotificationWorkflowInput): Promise<NotificationWorkflowResult> {
  const delivery = proxyActivities<NotificationActivities>({
    // Above the senders' own 10 s timeouts: a hung provider fails the attempt itself.
    startToCloseTimeout: '30s',
    retry: { initialInterval: input.initialBackoffMs, backoffCoefficient: 2, maximumAttempts: input.maxAttempts },
  });
  const ids = await bookkeeping.queueNotifications(input.orderId, input.event);
  const result: NotificationWorkflowResult = {};
  await Promise.all(
    ids.map(async (id) => {
      try {
        result[id] = await delivery.sendNotification(id);
      } catch (err) {
        if (isCancellation(err)) throw err;
        await bookkeeping.markNotificationDead(id, reasonOf(err));
        result[id] = 'dead';
      }
    }),
  );
  return result;
}

/** The activity's own failure (the provider's answer), not the ActivityFailure wrapper's "Activity task failed". */
function reasonOf(err: unknown): string {
  return err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
}
