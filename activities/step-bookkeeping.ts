import type { Knex } from 'knex';
import type { NotificationEvent } from '../domain/notifications';
import { writeOrderTimings, type OrderTimings } from '../store/order-metrics-writer';
import type { NotifyOptions } from '../workflows/contract';
import type { ActivityDeps } from './deps';
import { queueNotificationRows } from './notifications/queue-notifications';
import { startQueuedNotifications } from './notifications/start-notifications';
import type { NotificationTransports } from './notifications/transports';

/**
 * What a step records beside its change, in the same transaction: its timings
 * and the customer's notifications (queued, or skipped when no transport is
 * configured). One local activity per step instead of three, and the record
 * can never disagree with the change. Sending happens after the commit, in a
 * notification workflow of its own.
 */
export interface StepBookkeeping {
  notify: NotifyOptions;
}

/** Returns the events with something to send: only those need a notification workflow after the commit. */
export async function bookStep(
  trx: Knex.Transaction,
  transports: NotificationTransports,
  orderId: string,
  timings: OrderTimings,
  events: NotificationEvent[],
  now: Date,
): Promise<NotificationEvent[]> {
  await writeOrderTimings(trx, orderId, timings, now);
  const toSend: NotificationEvent[] = [];
  for (const event of events) if (await queueNotificationRows(trx, transports, orderId, event, now)) toSend.push(event);
  return toSend;
}

/** After the commit: a notification workflow for each event with something queued. Idempotent (workflow ids). */
export async function startStepNotifications(deps: ActivityDeps, orderId: string, events: NotificationEvent[], notify: NotifyOptions): Promise<void> {
  for (const event of events) await startQueuedNotifications(deps, { orderId, event, maxAttempts: notify.maxAttempts, initialBackoffMs: notify.initialBackoffMs });
}
