import type { ActivityDeps } from '../deps';
import { markWebhookDead } from './mark-webhook-dead';
import { sendWebhook } from './send-webhook';
import { sweepWebhooks } from './sweep-webhooks';

/** The webhook activities (docs/webhooks.md). */
export function webhookActivities(deps: ActivityDeps) {
  return {
    sendWebhook: sendWebhook(deps),
    markWebhookDead: markWebhookDead(deps),
    sweepWebhooks: sweepWebhooks(deps),
  };
}

export type WebhookActivities = ReturnType<typeof webhookActivities>;
