import { proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhooks';
import type { WebhookSweepResult } from '../activities/webhooks/sweep-webhooks';

// A few attempts only: the schedule starts a fresh sweep every minute anyway.
const { sweepWebhooks } = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumAttempts: 3 },
});

/** Started by the webhook-sweeper Schedule: starts webhook deliveries whose delivery workflow was never started. */
export async function webhookSweeperWorkflow(): Promise<WebhookSweepResult> {
  return sweepWebhooks();
}
