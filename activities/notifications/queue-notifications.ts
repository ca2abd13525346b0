import type { Knex } from 'knex';
import { ApplicationFailure } from '@temporalio/activity';
import { v7 as uuid } from 'uuid';
import { NOTIFICATION_CHANNELS, type NotificationChannel, type NotificationEvent } from '../../domain/notifications';
import { clock, type ActivityDeps } from '../deps';
import { loadOrderFacts, type OrderFacts } from './order-facts';
import { UNCONFIGURED, type NotificationTransports } from './transports';
import { insertOnce } from '../../store/insert-once';

/**
 * Creates an order event's notifications, one per channel, and returns the
 * ids of those still to send. Idempotency key: (order, event, channel): a
 * rerun inserts nothing and returns only what is still queued, so a sent
 * notification is never sent again. A channel without a recipient or without
 * a configured transport is recorded as `skipped`, with the reason in
 * last_error. An unknown order is not retried (ORDER_NOT_FOUND).
 */
export function queueNotifications(deps: ActivityDeps, transports: NotificationTransports) {
  return async (orderId: string, event: NotificationEvent): Promise<string[]> => {
    await queueNotificationRows(deps.db, transports, orderId, event, clock(deps));
    return queuedNotificationIds(deps.db, orderId, event);
  };
}

/**
 * The rows of queueNotifications, in the caller's transaction (a step records its notifications with its change).
 * True when some channel is to be sent (not skipped), so the caller knows whether a notification workflow is needed.
 */
export async function queueNotificationRows(db: Knex | Knex.Transaction, transports: NotificationTransports, orderId: string, event: NotificationEvent, now: Date): Promise<boolean> {
  const facts = await loadOrderFacts(db, orderId);
  if (!facts) throw ApplicationFailure.nonRetryable(`order ${orderId} not found`, 'ORDER_NOT_FOUND');
  const rows = NOTIFICATION_CHANNELS.map((channel) => {
    const recipient = recipientOf(channel, facts);
    const skipped = !recipient ? `no ${channel === 'email' ? 'e-mail address' : 'phone number'} for this order` : transports[channel] ? null : UNCONFIGURED[channel];
    return {
      id: uuid(),
      order_id: orderId,
      event,
      channel,
      recipient,
      status: skipped ? 'skipped' : 'queued',
      attempts: 0,
      last_error: skipped,
      created_at: now,
      updated_at: now,
    };
  });
  await insertOnce(db, 'notifications', rows, ['order_id', 'event', 'channel']);
  return rows.some((r) => r.status === 'queued');
}

export function queuedNotificationIds(db: Knex, orderId: string, event: NotificationEvent): Promise<string[]> {
  return db('notifications').where({ order_id: orderId, event, status: 'queued' }).orderBy('channel').pluck('id');
}

function recipientOf(channel: NotificationChannel, facts: OrderFacts): string | null {
  return channel === 'email' ? facts.email : facts.phone;
}
