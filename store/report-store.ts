import type { Knex } from 'knex';
import { countsAsRevenue, ORDER_STATUSES, type OrderStatus } from '../domain/order-status';
import { fromDb } from '../lib/db';

/** Reads the report views of migration 20261127000004; SUM() comes back as a string on MariaDB, hence fromDb.int. */
type Row = Record<string, unknown>;

interface Tally {
  orders: number;
  revenueCentavos: number;
}

/** Orders by status and by UTC day (YYYY-MM-DD, both ends inclusive); revenue counts the statuses the status table says are sold. */
export async function ordersReport(db: Knex, range: { from?: string; to?: string }) {
  const q = db('report_orders_daily').select('day', 'status', 'orders', 'total_centavos').orderBy('day');
  if (range.from) q.where('day', '>=', range.from);
  if (range.to) q.where('day', '<=', range.to);
  const rows: Row[] = await q;
  const totals: Tally = { orders: 0, revenueCentavos: 0 };
  const byStatus = new Map<OrderStatus, Tally>();
  const byDay = new Map<string, Tally & { byStatus: Partial<Record<OrderStatus, number>> }>();
  for (const r of rows) {
    const status = r.status as OrderStatus;
    const orders = fromDb.int(r.orders);
    const revenueCentavos = countsAsRevenue(status) ? fromDb.int(r.total_centavos) : 0;
    const s = byStatus.get(status) ?? { orders: 0, revenueCentavos: 0 };
    const d = byDay.get(String(r.day)) ?? { orders: 0, revenueCentavos: 0, byStatus: {} };
    for (const t of [totals, s, d]) {
      t.orders += orders;
      t.revenueCentavos += revenueCentavos;
    }
    d.byStatus[status] = orders;
    byStatus.set(status, s);
    byDay.set(String(r.day), d);
  }
  return {
    from: range.from ?? null,
    to: range.to ?? null,
    timeZone: 'UTC',
    totals,
    byStatus: ORDER_STATUSES.filter((s) => byStatus.has(s)).map((status) => ({ status, ...byStatus.get(status)! })),
    byDay: [...byDay].map(([day, t]) => ({ day, ...t })),
  };
}

/** Quantities held by active reservations, per product, largest first. */
export async function pendingItemsReport(db: Knex) {
  const rows: Row[] = await db('report_pending_items').orderBy([{ column: 'reserved_quantity', order: 'desc' }, { column: 'sku' }]);
  return {
    data: rows.map((r) => ({
      productId: String(r.product_id),
      sku: String(r.sku),
      name: String(r.name),
      reservedQuantity: fromDb.int(r.reserved_quantity),
      orders: fromDb.int(r.orders),
    })),
  };
}

/** Every product's stock with the low-stock flag (available <= its threshold). */
export async function inventoryReport(db: Knex) {
  const rows: Row[] = await db('report_inventory_status').orderBy('sku');
  return {
    data: rows.map((r) => ({
      productId: String(r.product_id),
      sku: String(r.sku),
      name: String(r.name),
      status: String(r.status),
      onHand: fromDb.int(r.on_hand),
      reserved: fromDb.int(r.reserved),
      available: fromDb.int(r.available),
      lowStockThreshold: fromDb.int(r.low_stock_threshold),
      lowStock: fromDb.bool(r.low_stock),
    })),
  };
}
