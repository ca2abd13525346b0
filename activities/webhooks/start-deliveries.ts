import { startWebhookDelivery } from '../../lib/start-webhook-delivery';
import type { ActivityDeps } from '../deps';

/**
 * After the commit of a step that may have queued webhook events: starts the
 * delivery workflow of each of the order's pending deliveries not yet
 * started. Never throws and never retries: the order must not wait on, or
 * fail for, its webhooks. A start that fails is logged and left to the
 * webhook sweeper, which starts it within WEBHOOK_SWEEP_INTERVAL_SECONDS.
 */
export async function startOrderWebhooks(deps: ActivityDeps, orderId: string): Promise<void> {
  try {
    const waiting = await deps.db('webhook_deliveries').where({ order_id: orderId, status: 'pending' }).whereNull('workflow_started_at').select('id', 'round');
    if (waiting.length === 0) return;
    if (!deps.temporal) throw new Error('starting webhook deliveries needs the Temporal client in ActivityDeps.temporal');
    for (const d of waiting) await startWebhookDelivery(deps.temporal, deps.db, deps.config, { id: String(d.id), round: Number(d.round) });
  } catch (err) {
    deps.log.warn({ orderId, err: String(err) }, 'webhook deliveries not started; the webhook sweeper will start them');
  }
}
