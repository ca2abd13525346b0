import { ApplicationFailure } from '@temporalio/activity';
import { ProviderRefused, type PaymentProvider } from '../../lib/payments/payment-provider';
import { failRefund, readRefund, settleRefund } from '../../store/refund-store';
import type { FailureType } from '../../workflows/contract';
import { clock, type ActivityDeps } from '../deps';
import { recordError } from '../record-error';
import { startOrderWebhooks } from '../webhooks/start-deliveries';

const REFUSED: FailureType = 'PROVIDER_REFUSED';

/**
 * The refund workflow's steps. sendRefund pays the money back: through the
 * gateway (idempotency key: the refund id, so a retried request refunds
 * once), or, for cash on delivery and bank transfers, as a pay-out staff
 * make, recorded at once. A gateway refusal (4xx) is final; anything else is
 * retried by the engine. settleRefund and failRefund record the outcome;
 * both are idempotent by the refund's status.
 */
export function refundSteps(deps: ActivityDeps, provider: PaymentProvider | null) {
  const logError = recordError(deps);
  return {
    async sendRefund({ refundId }: { refundId: string }): Promise<string> {
      const refund = await readRefund(deps.db, refundId);
      if (!refund) throw ApplicationFailure.nonRetryable(`refund ${refundId} does not exist`, REFUSED);
      if (refund.providerRef) return refund.providerRef;
      if (refund.provider !== 'gateway') return `paid-out-by-staff:${refundId}`;
      if (!provider) throw ApplicationFailure.nonRetryable('no payment gateway is configured', REFUSED);
      const payment = await deps.db('order_payments').where({ order_id: refund.orderId }).first('intent_ref');
      try {
        return (await provider.refund({ intentRef: String(payment.intent_ref), amountCentavos: refund.amountCentavos, reason: refund.reason, idempotencyKey: refundId })).refundRef;
      } catch (err) {
        if (err instanceof ProviderRefused) throw ApplicationFailure.nonRetryable(err.message, REFUSED);
        throw err;
      }
    },
    async settleRefund({ refundId, providerRef }: { refundId: string; providerRef: string }): Promise<void> {
      await settleRefund(deps.db, refundId, providerRef, clock(deps));
      const refund = await readRefund(deps.db, refundId);
      if (refund) await startOrderWebhooks(deps, refund.orderId);
    },
    /** A refund that failed for good: the amount becomes refundable again and a critical error asks a human to act. */
    async failRefund({ refundId, why }: { refundId: string; why: string }): Promise<void> {
      const refund = await failRefund(deps.db, refundId, why, clock(deps));
      const orderId = refund?.orderId ?? (await readRefund(deps.db, refundId))?.orderId ?? null;
      await logError({
        orderId,
        category: 'payment',
        severity: 'critical',
        code: 'REFUND_FAILED',
        message: `refund ${refundId} failed for good after its retries; the customer has not been paid back`,
        cause: why,
        details: { refundId },
        dedupeKey: `REFUND_FAILED:${refundId}`,
      });
    },
  };
}
