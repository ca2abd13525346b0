import type { Knex } from 'knex';
import { countsAsRevenue, ORDER_STATUSES } from '../../domain/order-status';
import { fromDb } from '../../lib/db';
import { countRejectionsByCode } from '../rejection-store';
import { countOrdersByStatus } from '../status-counts';

const HOUR = 3_600_000;
const SOLD = ORDER_STATUSES.filter(countsAsRevenue);

/** Orders placed since `from`, and the revenue of those that are sales (the status table's revenue statuses). */
async function ordersSince(db: Knex, from: Date) {
  const [all, sold] = await Promise.all([
    db('orders').where('created_at', '>=', from).count({ n: '*' }).first(),
    db('orders').where('created_at', '>=', from).whereIn('status', SOLD).sum({ total: 'total_centavos' }).first(),
  ]);
  return { orders: fromDb.int(all?.n ?? 0), revenueCentavos: fromDb.int(sold?.total ?? 0) };
}

/** Orders per hour over the last 24 hours, oldest hour first (counted here: no dialect-specific date functions). */
async function ordersPerHour(db: Knex, now: Date): Promise<{ hour: string; orders: number }[]> {
  const end = Math.floor(now.getTime() / HOUR) * HOUR + HOUR;
  const start = end - 24 * HOUR;
  const times: unknown[] = await db('orders').where('created_at', '>=', new Date(start)).pluck('created_at');
  const counts = new Array<number>(24).fill(0);
  for (const t of times) counts[Math.floor((fromDb.date(t).getTime() - start) / HOUR)]++;
  return counts.map((orders, i) => ({ hour: new Date(start + i * HOUR).toISOString(), orders }));
}

/**
 * The console's home page: today (UTC) at a glance. Rejection rates are per
 * rule over today's attempts (placed orders plus rejected attempts).
 */
export async function readDashboard(db: Knex, now = new Date()) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const week = new Date(today.getTime() - 6 * 24 * HOUR);
  const [day, last7, byStatus, rejections, lowStock, critical, dead, perHour] = await Promise.all([
    ordersSince(db, today),
    ordersSince(db, week),
    countOrdersByStatus(db),
    countRejectionsByCode(db, { from: today, to: new Date(now.getTime() + 1) }),
    db('products').whereRaw('stock_on_hand - stock_reserved <= low_stock_threshold').whereNot('status', 'discontinued').count({ n: '*' }).first(),
    db('order_errors').where('severity', 'critical').whereNull('resolved_at').count({ n: '*' }).first(),
    db('notifications').where('status', 'dead').count({ n: '*' }).first(),
    ordersPerHour(db, now),
  ]);
  const attempts = day.orders + rejections.attempts;
  return {
    today: day,
    week: last7,
    byStatus: ORDER_STATUSES.map((status) => ({ status, orders: byStatus.get(status) ?? 0 })),
    rejectedAttempts: rejections.attempts,
    rejectionsByRule: [...rejections.byCode]
      .map(([code, count]) => ({ code, count, percent: attempts ? Math.round((count / attempts) * 1000) / 10 : 0 }))
      .sort((a, b) => b.count - a.count),
    lowStock: fromDb.int(lowStock?.n ?? 0),
    openCriticalErrors: fromDb.int(critical?.n ?? 0),
    deadNotifications: fromDb.int(dead?.n ?? 0),
    perHour,
  };
}
