import { createHash } from 'node:crypto';
import { startPendingRefunds } from '../activities/payments/refund-starter';
import type { Actor } from '../domain/order-view';
import { reserveRefund, type RefundRecord } from '../store/refund-store';
import type { ApiDeps } from './context';
import { requestHash } from './order-ids';
import { Problem } from './problem';

/**
 * A staff refund of part of an order, by amount, with a reason. Reserved
 * against what was captured (never more: the guard is in the database), then
 * sent by its own refund workflow. The Idempotency-Key (per order and staff
 * member) makes a resend answer the first refund instead of paying twice;
 * the same key with another amount or reason is refused.
 */
export async function requestRefund(deps: ApiDeps, orderId: string, actor: Actor, body: { amountCentavos: number; reason: string }, idempotencyKey: string): Promise<RefundRecord> {
  const hash = requestHash(body);
  const dedupeKey = `key:${orderId}:${createHash('sha256').update(`${actor.id}\n${idempotencyKey}`).digest('hex')}`;
  const reserved = await deps.db.transaction((trx) => reserveRefund(trx, { orderId, ...body, dedupeKey, requestHash: hash, actor }, new Date()));
  if (!reserved.ok) {
    throw new Problem('REFUND_EXCEEDS_CAPTURED', `At most ${reserved.refundableCentavos} centavos of this order can be refunded`, [
      { code: 'REFUND_EXCEEDS_CAPTURED', field: 'amountCentavos', message: `captured and not yet refunded: ${reserved.refundableCentavos}`, severity: 'error' },
    ]);
  }
  if (reserved.refund.requestHash !== hash) throw new Problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different refund');
  await startPendingRefunds({ db: deps.db, temporal: deps.client, config: deps.config }, orderId);
  return reserved.refund;
}
