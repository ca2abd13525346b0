import type { Knex } from 'knex';
import { holdsReservation, type OrderStatus } from '../domain/order-status';
import type { Actor } from '../domain/order-view';
import type { RulesConfig } from '../domain/rules-config';
import { applyTransition } from './apply-transition';
import { moveOrderStock } from './stock';

/** One keyset page of orders with an active reservation past its expiry, by order id after `after`. */
export async function ordersHoldingExpiredStock(db: Knex, now: Date, after: string, limit: number): Promise<string[]> {
  const rows: { order_id: string }[] = await db('reservations')
    .distinct('order_id')
    .where({ status: 'active' })
    .andWhere('expires_at', '<', now)
    .andWhere('order_id', '>', after)
    .orderBy('order_id')
    .limit(limit);
  return rows.map((r) => r.order_id);
}

export interface ReleasedOrphan {
  /** the order's status before, or null when there is no order row */
  from: OrderStatus | null;
  lines: { productId: string; quantity: number }[];
}

/**
 * Gives back the stock of an order nobody will release any more, in the caller's transaction: an order still
 * holding its reservation is expired through the one write path (as its workflow would have); reservations of
 * an order in any other status, or with no order row, are released as they are. Null when nothing was held.
 */
export async function releaseOrphanedStock(trx: Knex.Transaction, orderId: string, actor: Actor, reason: string, now: Date, rules: RulesConfig): Promise<ReleasedOrphan | null> {
  const held = await trx('reservations').where({ order_id: orderId, status: 'active' }).select('product_id', 'quantity');
  if (held.length === 0) return null;
  const from = ((await trx('orders').where({ id: orderId }).first('status'))?.status ?? null) as OrderStatus | null;
  if (from && holdsReservation(from)) {
    await applyTransition(trx, { orderId, action: 'expire', from, actor, reason, requestIp: null, userAgent: null, carrier: null, trackingNumber: null, reservationExpiresAt: null }, now, rules);
  }
  await moveOrderStock(trx, orderId, 'release', actor, now);
  return { from, lines: held.map((r) => ({ productId: String(r.product_id), quantity: Number(r.quantity) })) };
}
