import { ApplicationFailure, Context } from '@temporalio/activity';
import type { NotificationChannel, NotificationEvent, NotificationStatus } from '../../domain/notifications';
import type { ActivityDeps } from '../deps';
import { loadOrderFacts } from './order-facts';
import { recordAttempt } from './record-attempt';
import { renderNotification } from './templates';
import type { NotificationTransports } from './transports';

interface NotificationRow {
  id: string;
  order_id: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  recipient: string;
  status: NotificationStatus;
  /** attempts recorded before a retry from the console (migration 20261130200001) */
  attempt_offset: number | string;
}

/**
 * One delivery attempt of one notification, recorded as an attempt row
 * numbered by Temporal's attempt (after an earlier run's, see attempt_offset). Delivered: marked sent. Failed: the error is
 * recorded and a retryable NOTIFICATION_SEND_FAILED is thrown, so Temporal
 * retries with the workflow's backoff. A notification no longer queued (sent,
 * dead, skipped) is not sent again and its status is returned. At least once:
 * a crash between the provider accepting and the row being written sends it
 * twice. An unknown notification id is not retried.
 */
export function sendNotification(deps: ActivityDeps, transports: NotificationTransports) {
  return async (notificationId: string): Promise<Exclude<NotificationStatus, 'queued'>> => {
    const n: NotificationRow | undefined = await deps.db('notifications').where({ id: notificationId }).first();
    if (!n) throw ApplicationFailure.nonRetryable(`notification ${notificationId} not found`, 'NOTIFICATION_NOT_FOUND');
    if (n.status !== 'queued') return n.status;
    // Numbered after the attempts of earlier runs (a console retry), so none of theirs is overwritten or mistaken for this one.
    const attempt = Number(n.attempt_offset ?? 0) + Context.current().info.attempt;
    try {
      await deliver(deps, transports, n);
    } catch (err) {
      const error = describe(err);
      await recordAttempt(deps, n.id, attempt, error);
      throw ApplicationFailure.retryable(error, 'NOTIFICATION_SEND_FAILED');
    }
    await recordAttempt(deps, n.id, attempt, null);
    return 'sent';
  };
}

async function deliver(deps: ActivityDeps, transports: NotificationTransports, n: NotificationRow): Promise<void> {
  const facts = await loadOrderFacts(deps.db, n.order_id);
  if (!facts) throw new Error(`order ${n.order_id} not found`);
  const message = renderNotification(n.event, facts);
  const { email, sms } = transports;
  if (n.channel === 'email' && email) return email.send(n.recipient, message.subject, message.text);
  if (n.channel === 'sms' && sms) return sms.send(n.recipient, message.sms, Context.current().cancellationSignal);
  // The worker sending may be configured unlike the one that queued.
  throw new Error(`${n.channel} transport not configured on this worker`);
}

/** fetch and sockets hide the useful part (ECONNREFUSED, ...) in the cause. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
}
