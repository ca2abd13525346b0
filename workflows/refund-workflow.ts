import { ActivityFailure, isCancellation, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import { NeedsAttentionKey, type RefundWorkflowInput } from './contract';

// Recording the outcome must happen however long the database is away: retried without a limit.
const durable = proxyActivities<OrderActivities>({ startToCloseTimeout: '30s', retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' } });

/**
 * One refund, already reserved against the order's capture
 * (store/refund-store.ts): the engine sends it to the provider and retries
 * it with backoff (maxAttempts, from initialBackoffMs). Paid back, it is
 * settled on the ledger; refused, or still failing after the last attempt,
 * it is failed: the amount becomes refundable again, a critical REFUND_FAILED
 * error row is written and the workflow is marked NeedsAttention.
 */
export async function refundWorkflow(input: RefundWorkflowInput): Promise<'succeeded' | 'failed'> {
  const provider = proxyActivities<OrderActivities>({
    // Above the gateway client's own 10 s timeout.
    startToCloseTimeout: '30s',
    retry: { initialInterval: input.initialBackoffMs, backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: input.maxAttempts, nonRetryableErrorTypes: ['PROVIDER_REFUSED'] },
  });
  let providerRef: string;
  try {
    providerRef = await provider.sendRefund({ refundId: input.refundId });
  } catch (err) {
    if (isCancellation(err)) throw err;
    upsertSearchAttributes([{ key: NeedsAttentionKey, value: true }]);
    await durable.failRefund({ refundId: input.refundId, why: reasonOf(err) });
    return 'failed';
  }
  await durable.settleRefund({ refundId: input.refundId, providerRef });
  return 'succeeded';
}

function reasonOf(err: unknown): string {
  return err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
}
