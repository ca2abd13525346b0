import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { webhookDeliveryWorkflowId, type WebhookDeliveryInput } from '../workflows/contract';
import type { AppConfig } from './config';

export interface DeliveryRound {
  id: string;
  round: number;
}

/**
 * Starts the delivery workflow of one round of one webhook delivery, then
 * notes on the row that it is started. Idempotency key: the workflow id
 * webhook-<delivery>-<round>, never reused, so starting it again (a retried
 * step, the sweeper, a second resend request) starts nothing. Used after the
 * commit that queued the delivery (activities) and by a resend (API); a
 * delivery whose start was lost is found by the webhook sweeper.
 */
export async function startWebhookDelivery(temporal: Client, db: Knex, config: AppConfig, d: DeliveryRound): Promise<void> {
  const { maxAttempts, initialBackoffMs, maxBackoffMs } = config.webhooks;
  const input: WebhookDeliveryInput = { deliveryId: d.id, round: d.round, maxAttempts, initialBackoffMs, maxBackoffMs };
  try {
    await temporal.workflow.start('webhookDeliveryWorkflow', {
      workflowId: webhookDeliveryWorkflowId(d.id, d.round),
      taskQueue: config.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  await db('webhook_deliveries').where({ id: d.id, round: d.round }).whereNull('workflow_started_at').update({ workflow_started_at: new Date() });
}
