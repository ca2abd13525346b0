import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { OrderStatus } from '../domain/order-status';
import type { Actor } from '../domain/order-view';
import { statusEventType } from '../domain/webhook-events';
import { readOrderView } from './order-store';
import { queueEvent } from './webhook-outbox';

export interface HistoryRow {
  orderId: string;
  from: OrderStatus | null;
  to: OrderStatus;
  actor: Actor;
  reason: string | null;
  requestIp: string | null;
  userAgent: string | null;
}

/**
 * The one writer of order_status_history, called only by insertOrder and
 * applyTransition in the transaction that changes the status. The table is
 * append-only (database triggers) and unique per (order, to_status), since
 * every status is entered at most once. Every status change is also a
 * webhook event (domain/webhook-events.ts: statusEventType), queued here in
 * the same transaction, so no change can commit without its event.
 */
export async function writeHistory(trx: Knex.Transaction, h: HistoryRow, now: Date): Promise<void> {
  await trx('order_status_history').insert({
    id: uuid(),
    order_id: h.orderId,
    from_status: h.from,
    to_status: h.to,
    actor_type: h.actor.type,
    actor_id: h.actor.id,
    reason: h.reason,
    request_ip: h.requestIp,
    user_agent: h.userAgent,
    created_at: now,
  });
  await queueEvent(trx, statusEventType(h.from, h.to), h.orderId, () => statusEventData(trx, h), now);
}

/** A status event's facts: the change (who, why) and the order as it is after it. */
async function statusEventData(trx: Knex.Transaction, h: HistoryRow): Promise<Record<string, unknown>> {
  return { status: h.to, previousStatus: h.from, actor: h.actor, reason: h.reason, order: await readOrderView(trx, h.orderId) };
}
