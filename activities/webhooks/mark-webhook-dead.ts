import { clock, type ActivityDeps } from '../deps';
import { recordError } from '../record-error';

/**
 * After the last attempt of a round: the delivery becomes `dead` and the
 * error log gets a row for staff, who can resend it (POST
 * /v1/webhooks/deliveries/{id}/resend), in one transaction, so a dead
 * delivery is never seen without its row. Idempotent: the update is guarded
 * by the round and `pending`, the error row is keyed by delivery and round.
 * A delivery that is not dead (delivered meanwhile, a later round) logs
 * nothing, and neither does one whose subscription staff paused or deleted
 * (`logError` false): they know.
 */
export function markWebhookDead(deps: ActivityDeps) {
  return async (deliveryId: string, round: number, error: string, logError: boolean): Promise<void> => {
    await deps.db.transaction(async (trx) => {
      await trx('webhook_deliveries').where({ id: deliveryId, round, status: 'pending' }).update({ status: 'dead', last_error: error.slice(0, 1000), updated_at: clock(deps) });
      const d = await trx('webhook_deliveries').where({ id: deliveryId, round }).first('status', 'order_id', 'event_type', 'event_id', 'subscription_id', 'attempts');
      if (d?.status !== 'dead' || !logError) return;
      await recordError({ ...deps, db: trx })({
        orderId: String(d.order_id),
        category: 'notification',
        // The order goes on; a shop system missed an event until someone resends it.
        severity: 'medium',
        code: 'WEBHOOK_DEAD',
        message: `The webhook "${d.event_type}" was not delivered after ${d.attempts} attempts; it can be resent`,
        cause: error,
        details: { deliveryId, round, eventId: d.event_id, eventType: d.event_type, subscriptionId: d.subscription_id, attempts: Number(d.attempts) },
        dedupeKey: `webhook-dead:${deliveryId}:${round}`,
      });
    });
  };
}
