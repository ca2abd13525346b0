import { ApplicationFailure } from '@temporalio/activity';
import type { PaymentEvent } from '../../domain/payments';
import { ProviderRefused, type PaymentProvider } from '../../lib/payments/payment-provider';
import { PROVIDER_ACTOR, recordCapture } from '../../store/payment-ledger';
import type { FailureType } from '../../workflows/contract';
import { clock, type ActivityDeps } from '../deps';
import { startOrderWebhooks } from '../webhooks/start-deliveries';

const REFUSED: FailureType = 'PROVIDER_REFUSED';

/**
 * Captures an authorized payment (cards authorize first) and records the
 * capture. Idempotency key: the intent (the gateway captures an intent once;
 * the ledger keeps one capture per intent). A refusal is final.
 */
export function capturePayment(deps: ActivityDeps, provider: PaymentProvider | null) {
  return async ({ orderId, event }: { orderId: string; event: PaymentEvent }): Promise<void> => {
    if (!provider) throw ApplicationFailure.nonRetryable('no payment gateway is configured', REFUSED);
    let captured: { captureRef: string; amountCentavos: number };
    try {
      captured = await provider.capture(event.intentRef);
    } catch (err) {
      if (err instanceof ProviderRefused) throw ApplicationFailure.nonRetryable(err.message, REFUSED);
      throw err;
    }
    await deps.db.transaction((trx) =>
      recordCapture(trx, { orderId, amountCentavos: captured.amountCentavos, providerRef: event.intentRef, reason: `captured ${captured.captureRef}`, actor: PROVIDER_ACTOR }, clock(deps)),
    );
    await startOrderWebhooks(deps, orderId);
  };
}
