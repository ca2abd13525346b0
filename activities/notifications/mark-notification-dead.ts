import { clock, type ActivityDeps } from '../deps';
import { recordError } from '../record-error';

/**
 * After the last retry: the notification becomes `dead` and the error log
 * gets a row (category notification) for staff to follow up. Idempotent: the
 * status update is guarded by `queued`, the error row is keyed by the
 * notification. A notification that is not dead (sent, skipped) logs nothing.
 */
export function markNotificationDead(deps: ActivityDeps) {
  const logError = recordError(deps);
  return async (notificationId: string, error: string): Promise<void> => {
    await deps.db('notifications')
      .where({ id: notificationId, status: 'queued' })
      .update({ status: 'dead', last_error: error.slice(0, 1000), updated_at: clock(deps) });
    const n = await deps.db('notifications').where({ id: notificationId }).first();
    if (n?.status !== 'dead') return;
    await logError({
      orderId: n.order_id,
      category: 'notification',
      // The order goes on; a customer missed a message.
      severity: 'medium',
      code: 'NOTIFICATION_DEAD',
      message: `The ${n.channel} notification "${n.event}" failed after ${n.attempts} attempts: ${error}`,
      details: { notificationId, event: n.event, channel: n.channel, recipient: n.recipient, attempts: n.attempts },
      dedupeKey: `notification-dead:${notificationId}`,
    });
  };
}
