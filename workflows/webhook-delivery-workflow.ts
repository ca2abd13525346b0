import { ActivityFailure, ApplicationFailure, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhooks';
import type { WebhookDeliveryInput, WebhookDeliveryResult } from './contract';

// Bookkeeping (database) steps retry like the order workflow's, never forever.
const bookkeeping = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 12 },
});

/**
 * Delivers one round of one webhook delivery (docs/webhooks.md): Temporal
 * retries the POST with exponential backoff, initialBackoffMs doubling up to
 * maxBackoffMs, maxAttempts in all (about 23 h with the defaults). When the
 * last attempt fails, or one that cannot succeed (subscription paused, URL
 * refused), the delivery is marked dead. It runs apart from the order, so a
 * slow or failing subscriber never holds the order up.
 */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<WebhookDeliveryResult> {
  const delivery = proxyActivities<WebhookActivities>({
    // Above the sender's own timeout (WEBHOOK_TIMEOUT_MS, 10 s by default): a hung subscriber fails the attempt itself.
    startToCloseTimeout: '2m',
    retry: { initialInterval: input.initialBackoffMs, backoffCoefficient: 2, maximumInterval: input.maxBackoffMs, maximumAttempts: input.maxAttempts },
  });
  try {
    const status = await delivery.sendWebhook(input.deliveryId, input.round);
    return status === 'pending' ? 'stale' : status;
  } catch (err) {
    if (isCancellation(err)) throw err;
    // Staff paused or deleted the subscription themselves: nothing for the error log.
    const paused = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'WEBHOOK_SUBSCRIPTION_INACTIVE';
    await bookkeeping.markWebhookDead(input.deliveryId, input.round, reasonOf(err), !paused);
    return 'dead';
  }
}

/** The activity's own failure (the subscriber's answer), not the ActivityFailure wrapper's "Activity task failed". */
function reasonOf(err: unknown): string {
  return err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
}
