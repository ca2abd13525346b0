import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import { holdsCommittedStock, holdsReservation, type OrderAction, type OrderStatus } from '../domain/order-status';
import type { Actor, OrderView } from '../domain/order-view';
import { tierFor } from '../domain/pricing';
import { fromDb } from '../lib/db';
import { readOrderView } from '../store/order-store';
import { settlePromo } from '../store/promo-redemption';
import { moveOrderStock } from '../store/stock';
import { clock, type ActivityDeps } from './deps';

export interface TransitionInput {
  orderId: string;
  action: OrderAction;
  from: OrderStatus;
  to: OrderStatus;
  actor: Actor;
  reason: string | null;
  requestIp: string | null;
  userAgent: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  /** set when the order (re)enters pending: the new end of its reservation */
  reservationExpiresAt: string | null;
}

/**
 * Moves an order from one status to the next with all its side effects
 * (stock, promo, customer stats) and its history row, in one transaction.
 * Idempotency key: (order, target status). The status update is guarded by
 * the expected current status; if the order is already in the target status
 * a retry returns it unchanged; any other status is a non-retryable
 * INVALID_STATE_TRANSITION and nothing changes.
 */
export function transitionOrder(deps: ActivityDeps) {
  return async (t: TransitionInput): Promise<OrderView> => {
    const now = clock(deps);
    await deps.db.transaction(async (trx) => {
      const changes: Record<string, unknown> = { status: t.to, updated_at: now };
      if (t.carrier) changes.carrier = t.carrier;
      if (t.trackingNumber) changes.tracking_number = t.trackingNumber;
      if (t.reservationExpiresAt) changes.reservation_expires_at = new Date(t.reservationExpiresAt);
      const moved = await trx('orders').where({ id: t.orderId, status: t.from }).update(changes);
      if (moved === 0) {
        const current = await trx('orders').where({ id: t.orderId }).first('status');
        if (current?.status === t.to) return;
        throw ApplicationFailure.nonRetryable(`order ${t.orderId} is ${current?.status ?? 'missing'}, not ${t.from}`, 'INVALID_STATE_TRANSITION');
      }
      await applyEffects(trx, t, now, deps);
      await trx('order_status_history').insert({
        id: uuid(),
        order_id: t.orderId,
        from_status: t.from,
        to_status: t.to,
        actor_type: t.actor.type,
        actor_id: t.actor.id,
        reason: t.reason,
        request_ip: t.requestIp,
        user_agent: t.userAgent,
        created_at: now,
      });
    });
    return (await readOrderView(deps.db, t.orderId))!;
  };
}

async function applyEffects(trx: Knex.Transaction, t: TransitionInput, now: Date, deps: ActivityDeps): Promise<void> {
  if (t.to === 'pending' && t.reservationExpiresAt) {
    await trx('reservations').where({ order_id: t.orderId, status: 'active' }).update({ expires_at: new Date(t.reservationExpiresAt), updated_at: now });
  }
  if (t.to === 'confirmed') {
    await moveOrderStock(trx, t.orderId, 'commit', t.actor, now);
    await settlePromo(trx, t.orderId, 'final', now);
  }
  if (t.to === 'cancelled' || t.to === 'expired' || t.to === 'failed') {
    if (holdsReservation(t.from)) await moveOrderStock(trx, t.orderId, 'release', t.actor, now);
    // Goods not yet shipped go back on the shelf; a failed shipped order is left for a human.
    if (holdsCommittedStock(t.from) && t.from !== 'shipped') await moveOrderStock(trx, t.orderId, 'restock', t.actor, now);
    await settlePromo(trx, t.orderId, 'released', now);
  }
  if (t.to === 'delivered') await addToCustomerStats(trx, t.orderId, now, deps);
}

/**
 * Adds a delivered order to its customer's total spent and order count.
 * The increment is done in SQL: reading the total and writing back a sum
 * loses updates when a customer's orders are delivered at the same moment
 * (MariaDB REPEATABLE READ). The tier is then computed from the total read
 * back under the row lock this transaction now holds, never from a stale one.
 */
async function addToCustomerStats(trx: Knex.Transaction, orderId: string, now: Date, deps: ActivityDeps): Promise<void> {
  const order = await trx('orders').where({ id: orderId }).first('customer_id', 'total_centavos');
  const customer = () => trx('customers').where({ id: order.customer_id });
  await customer().update({
    total_spent_centavos: trx.raw('total_spent_centavos + ?', [fromDb.int(order.total_centavos)]),
    orders_count: trx.raw('orders_count + 1'),
    updated_at: now,
  });
  const { total_spent_centavos: spent } = await customer().forUpdate().first('total_spent_centavos');
  await customer().update({ tier: tierFor(fromDb.int(spent), deps.config.rules) });
}
