import { isCancellation, log, proxyLocalActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '../activities/notifications';
import type { NotificationEvent } from '../domain/notifications';
import type { NotifyOptions } from './contract';

const { startNotifications } = proxyLocalActivities<NotificationActivities>({ startToCloseTimeout: '10s', retry: { maximumAttempts: 5 } });

/**
 * For use inside the order workflow: notifies the customer of an event
 * without waiting for delivery. A local activity starts notificationWorkflow
 * as an independent workflow (see activities/notifications/start-notifications.ts
 * for why not a child) and returns once it is started. Never fails the order:
 * a start that still fails after its retries is logged.
 */
export async function notify(orderId: string, event: NotificationEvent, opts: NotifyOptions): Promise<void> {
  try {
    // Field by field: the input lands in workflow history, so nothing else from config may ride along.
    await startNotifications({ orderId, event, maxAttempts: opts.maxAttempts, initialBackoffMs: opts.initialBackoffMs });
  } catch (err) {
    if (isCancellation(err)) throw err;
    log.warn('notification not started', { orderId, event, error: String(err) });
  }
}
