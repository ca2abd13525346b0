import type { Knex } from 'knex';
import { fromDb } from '../lib/db';
import { newestFirstPage, type KeysetCursor } from './keyset-page';
import type { OrderStatus } from '../domain/order-status';
import type { HistoryEntry, OrderView } from '../domain/order-view';
import type { PaymentView } from '../domain/payments';
import { readPayments } from './payment-ledger';

type Row = Record<string, unknown>;

export function toOrderView(o: Row, items: Row[], payment: PaymentView | null = null): OrderView {
  return {
    id: String(o.id),
    status: o.status as OrderStatus,
    customerId: String(o.customer_id),
    items: items.map((i) => ({
      productId: String(i.product_id),
      sku: String(i.sku),
      name: String(i.name),
      unitPriceCentavos: fromDb.int(i.unit_price_centavos),
      quantity: fromDb.int(i.quantity),
      lineTotalCentavos: fromDb.int(i.line_total_centavos),
    })),
    subtotalCentavos: fromDb.int(o.subtotal_centavos),
    discountCentavos: fromDb.int(o.discount_centavos),
    shippingFeeCentavos: fromDb.int(o.shipping_fee_centavos),
    totalCentavos: fromDb.int(o.total_centavos),
    vatCentavos: fromDb.int(o.vat_centavos),
    currency: 'PHP',
    paymentMethod: String(o.payment_method),
    promoCode: (o.promo_code as string | null) ?? null,
    shippingAddress: {
      ...fromDb.json(o.shipping_address, {}),
      psgc: { region: o.psgc_region, province: o.psgc_province, city: o.psgc_city, barangay: o.psgc_barangay } as Record<string, string | null>,
    },
    requiresVerification: fromDb.bool(o.requires_verification),
    warnings: fromDb.json(o.warnings, []),
    reservationExpiresAt: fromDb.iso(o.reservation_expires_at),
    source: o.source as OrderView['source'],
    carrier: (o.carrier as string | null) ?? null,
    trackingNumber: (o.tracking_number as string | null) ?? null,
    payment,
    createdAt: fromDb.iso(o.created_at)!,
    updatedAt: fromDb.iso(o.updated_at)!,
  };
}

export async function readOrderView(db: Knex, orderId: string): Promise<OrderView | null> {
  const order = await db('orders').where({ id: orderId }).first();
  if (!order) return null;
  const items = await db('order_items').where({ order_id: orderId }).orderBy('line_no');
  const payments = await readPayments(db, [orderId]);
  return toOrderView(order, items, payments.get(orderId) ?? null);
}

/** The order's stored id and owner, without the rest: enough to decide who may see it. */
export async function readOrderOwner(db: Knex, orderId: string): Promise<{ id: string; customerId: string } | null> {
  const row = await db('orders').where({ id: orderId }).first('id', 'customer_id');
  return row ? { id: String(row.id), customerId: String(row.customer_id) } : null;
}

export async function readHistory(db: Knex, orderId: string): Promise<HistoryEntry[]> {
  const rows = await db('order_status_history').where({ order_id: orderId }).orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map((h: Row) => ({
    from: (h.from_status as OrderStatus | null) ?? null,
    to: h.to_status as OrderStatus,
    actor: { type: h.actor_type as HistoryEntry['actor']['type'], id: (h.actor_id as string | null) ?? null },
    reason: (h.reason as string | null) ?? null,
    at: fromDb.iso(h.created_at)!,
  }));
}

export interface ListFilter {
  customerId?: string;
  status?: OrderStatus;
  limit: number;
  cursor: KeysetCursor | null;
}

/** Newest first, keyset-paginated (store/keyset-page.ts) so pages stay stable while orders arrive. */
export async function listOrders(db: Knex, filter: ListFilter): Promise<{ data: OrderView[]; nextCursor: string | null }> {
  const q = db('orders');
  if (filter.customerId) q.where('customer_id', filter.customerId);
  if (filter.status) q.where('status', filter.status);
  const { rows, nextCursor } = await newestFirstPage(q, filter.limit, filter.cursor);
  const ids = rows.map((r) => String(r.id));
  const items: Row[] = ids.length ? await db('order_items').whereIn('order_id', ids).orderBy('line_no') : [];
  const byOrder = new Map<string, Row[]>();
  for (const i of items) byOrder.set(String(i.order_id), [...(byOrder.get(String(i.order_id)) ?? []), i]);
  const payments = await readPayments(db, ids);
  return { data: rows.map((o) => toOrderView(o, byOrder.get(String(o.id)) ?? [], payments.get(String(o.id)) ?? null)), nextCursor };
}
