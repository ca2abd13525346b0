import type { Knex } from 'knex';
import { transitionOf, type OrderAction, type OrderStatus, type Transition } from '../domain/order-status';
import type { Actor } from '../domain/order-view';
import type { RulesConfig } from '../domain/rules-config';
import { addToCustomerStats } from './customer-stats';
import { recordCollection } from './payment-ledger';
import { reserveRemainingRefund } from './refund-on-ending';
import { writeHistory } from './order-history';
import { settlePromo } from './promo-redemption';
import { moveOrderStock } from './stock';

export interface TransitionRequest {
  orderId: string;
  action: OrderAction;
  /** the status the caller believes the order is in: the update is guarded by it */
  from: OrderStatus;
  actor: Actor;
  reason: string | null;
  requestIp: string | null;
  userAgent: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  /** the new end of the reservation, for a transition that renews it */
  reservationExpiresAt: string | null;
  /** what the caller already knows of the order and never changes after creation; absent: read from the row */
  order?: { paymentMethod: string; promoCode: string | null };
}

export type TransitionOutcome =
  | { outcome: 'applied' | 'already'; to: OrderStatus }
  | { outcome: 'refused'; current: OrderStatus | null; why: string };

/**
 * The one way an order changes status after creation: checks the status
 * table (domain/order-status.ts), moves the row guarded by the expected
 * status, applies the table's effects (stock, promo, customer stats,
 * reservation window) and writes the history row, all in the caller's
 * transaction. Idempotent by (order, target status): when the order is
 * already where this transition leads, it answers 'already' and changes
 * nothing; in any other status it answers 'refused' and changes nothing.
 */
export async function applyTransition(trx: Knex.Transaction, t: TransitionRequest, now: Date, rules: RulesConfig): Promise<TransitionOutcome> {
  const transition = transitionOf(t.from, t.action, t.actor.type);
  if (!transition) return { outcome: 'refused', current: t.from, why: `a ${t.actor.type} cannot ${t.action} an order that is ${t.from}` };
  // version: the order's ETag changes with every status write (docs/api.md, Concurrency).
  const changes: Record<string, unknown> = { status: transition.to, updated_at: now, version: trx.raw('version + 1') };
  if (t.carrier) changes.carrier = t.carrier;
  if (t.trackingNumber) changes.tracking_number = t.trackingNumber;
  if (transition.renewsReservation && t.reservationExpiresAt) changes.reservation_expires_at = new Date(t.reservationExpiresAt);
  const moved = await trx('orders').where({ id: t.orderId, status: t.from }).update(changes);
  if (moved === 0) {
    const current = ((await trx('orders').where({ id: t.orderId }).first('status'))?.status ?? null) as OrderStatus | null;
    if (current === transition.to) return { outcome: 'already', to: transition.to };
    return { outcome: 'refused', current, why: `order ${t.orderId} is ${current ?? 'missing'}, not ${t.from}` };
  }
  await applyEffects(trx, transition, t, now, rules);
  await writeHistory(trx, { orderId: t.orderId, from: t.from, to: transition.to, actor: t.actor, reason: t.reason, requestIp: t.requestIp, userAgent: t.userAgent }, now);
  return { outcome: 'applied', to: transition.to };
}

async function applyEffects(trx: Knex.Transaction, e: Transition, t: TransitionRequest, now: Date, rules: RulesConfig): Promise<void> {
  if (e.renewsReservation && t.reservationExpiresAt) {
    await trx('reservations').where({ order_id: t.orderId, status: 'active' }).update({ expires_at: new Date(t.reservationExpiresAt), updated_at: now });
  }
  if (e.stock) await moveOrderStock(trx, t.orderId, e.stock, t.actor, now);
  // An order placed without a promo code has no redemption to settle.
  if (e.promo && t.order?.promoCode !== null) await settlePromo(trx, t.orderId, e.promo, now);
  if (e.customerStats) await addToCustomerStats(trx, t.orderId, now, rules);
  if (e.collects) {
    const paymentMethod = t.order?.paymentMethod ?? (await trx('orders').where({ id: t.orderId }).first('payment_method')).payment_method;
    if (paymentMethod === e.collects) await recordCollection(trx, t.orderId, e.collects === 'cod' ? 'cod' : 'manual', t.actor, now);
  }
  if (e.refunds) await reserveRemainingRefund(trx, t.orderId, `order ${e.to}: ${t.reason ?? e.action}`, t.actor, now);
}
