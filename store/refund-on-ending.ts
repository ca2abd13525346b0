import type { Knex } from 'knex';
import type { Actor } from '../domain/order-view';
import { refundable, reserveRefund } from './refund-store';

/**
 * An order that ends unsold gives back what it took: whatever was captured
 * and not refunded is reserved as one refund, in the transaction of the
 * ending, so the refund exists exactly when the order is cancelled. The
 * refund workflow is started after the commit (activities/start-refunds.ts).
 * Idempotent: one such refund per order.
 */
export async function reserveRemainingRefund(trx: Knex.Transaction, orderId: string, reason: string, actor: Actor, now: Date): Promise<void> {
  const amount = await refundable(trx, orderId);
  if (amount <= 0) return;
  await reserveRefund(trx, { orderId, amountCentavos: amount, reason, dedupeKey: `ending:${orderId}`, actor }, now);
}
