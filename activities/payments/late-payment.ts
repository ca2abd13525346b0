import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { PaymentEvent } from '../../domain/payments';
import type { AppConfig } from '../../lib/config';
import { PROVIDER_ACTOR } from '../../store/payment-ledger';
import { refundable, reserveRefund } from '../../store/refund-store';
import { startPendingRefunds } from './refund-starter';

/**
 * A payment the order no longer waits for (it was cancelled, expired or
 * confirmed by staff before the gateway said paid) is money the shop must
 * give back: refunded automatically, by the refund workflow. Only the
 * delivery that brought the money counts (the ledger's capture of the intent
 * carries its event id), and never more than is still refundable.
 * Idempotency key: the event id (one refund per late payment). Called by the
 * order's workflow while it runs and by the webhook endpoint once it is gone.
 */
export async function refundLatePayment(deps: { db: Knex; temporal?: Client; config: AppConfig }, orderId: string, event: PaymentEvent, now: Date): Promise<void> {
  if (event.outcome !== 'paid') return;
  const capture = await deps.db('payments').where({ dedupe_key: `capture:${event.intentRef}` }).first('event_id', 'amount_centavos');
  if (!capture || capture.event_id !== event.eventId) return;
  await deps.db.transaction(async (trx) => {
    const amount = Math.min(Number(capture.amount_centavos), await refundable(trx, orderId));
    if (amount <= 0) return;
    await reserveRefund(trx, { orderId, amountCentavos: amount, reason: 'paid after the order stopped waiting for payment', dedupeKey: `late:${event.eventId}`, actor: PROVIDER_ACTOR }, now);
  });
  await startPendingRefunds(deps, orderId);
}
