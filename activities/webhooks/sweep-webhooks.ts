import { ApplicationFailure } from '@temporalio/activity';
import { startWebhookDelivery } from '../../lib/start-webhook-delivery';
import { clock, type ActivityDeps } from '../deps';

const PAGE = 200;

export interface WebhookSweepResult {
  /** deliveries whose workflow this sweep started */
  started: string[];
}

/**
 * Started by the webhook-sweeper Schedule: finds pending deliveries whose
 * delivery workflow was never started (the process stopped between the
 * commit that queued them and the start, or Temporal was unreachable then)
 * and older than WEBHOOK_SWEEP_GRACE_SECONDS, and starts them. Idempotent by
 * workflow id: one the step did start after all starts nothing new.
 */
export function sweepWebhooks(deps: ActivityDeps) {
  return async (): Promise<WebhookSweepResult> => {
    const temporal = deps.temporal;
    if (!temporal) throw ApplicationFailure.nonRetryable('the worker was built without a Temporal client', 'MISCONFIGURED');
    const before = new Date(clock(deps).getTime() - deps.config.webhooks.sweepGraceSeconds * 1000);
    const result: WebhookSweepResult = { started: [] };
    // Keyset pages by id, so a row that stays unstarted (resent meanwhile) is never read twice.
    for (let after = ''; ; ) {
      const page = await deps.db('webhook_deliveries')
        .where({ status: 'pending' })
        .whereNull('workflow_started_at')
        .andWhere('updated_at', '<', before)
        .andWhere('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .select('id', 'round');
      for (const d of page) {
        await startWebhookDelivery(temporal, deps.db, deps.config, { id: String(d.id), round: Number(d.round) });
        result.started.push(String(d.id));
      }
      if (page.length < PAGE) return result;
      after = String(page[page.length - 1].id);
    }
  };
}
