import type { Knex } from 'knex';
import type { OrderStatus } from '../../domain/order-status';
import { fromDb } from '../../lib/db';
import { needingAttention } from './order-search';

type Row = Record<string, unknown>;
const LIMIT = 100;

function toQueueRow(o: Row) {
  return {
    id: String(o.id),
    status: o.status as OrderStatus,
    customerId: String(o.customer_id),
    totalCentavos: fromDb.int(o.total_centavos),
    paymentMethod: String(o.payment_method),
    warnings: fromDb.json<{ code: string; message: string }[]>(o.warnings, []),
    reservationExpiresAt: fromDb.iso(o.reservation_expires_at),
    createdAt: fromDb.iso(o.created_at)!,
  };
}
export type QueueRow = ReturnType<typeof toQueueRow>;

/**
 * The lists staff work from, oldest problem first: orders held for
 * verification (with the rules that held them), pending orders whose
 * reservation runs out within `soonMinutes`, and orders that failed or have
 * an unresolved error.
 */
export async function readQueues(db: Knex, soonMinutes: number, now = new Date()) {
  const [verification, expiring, attention] = await Promise.all([
    db('orders').where('status', 'awaiting_verification').orderBy('created_at').limit(LIMIT),
    db('orders').where('status', 'pending').andWhere('reservation_expires_at', '<=', new Date(now.getTime() + soonMinutes * 60_000)).orderBy('reservation_expires_at').limit(LIMIT),
    needingAttention(db, db('orders')).orderBy('updated_at').limit(LIMIT),
  ]);
  const attentionIds = attention.map((o: Row) => String(o.id));
  const errors: Row[] = attentionIds.length ? await db('order_errors').whereIn('order_id', attentionIds).whereNull('resolved_at').orderBy('created_at') : [];
  return {
    verification: verification.map(toQueueRow),
    expiring: expiring.map(toQueueRow),
    attention: attention.map((o: Row) => ({
      ...toQueueRow(o),
      openErrors: errors.filter((e) => e.order_id === o.id).map((e) => ({ id: String(e.id), code: String(e.code), severity: String(e.severity) })),
    })),
  };
}
