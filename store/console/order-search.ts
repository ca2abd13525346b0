import type { Knex } from 'knex';
import { normalizePhilippineMobile } from '../../domain/phone';
import type { OrderStatus } from '../../domain/order-status';
import { fromDb } from '../../lib/db';
import { newestFirstPage, type KeysetCursor } from '../keyset-page';

type Row = Record<string, unknown>;

export interface OrderSearch {
  /** an order id (whole, or its last characters), a customer's e-mail or phone, or a SKU */
  q?: string;
  status?: OrderStatus;
  paymentMethod?: string;
  /** UTC days, both ends inclusive */
  from?: string;
  to?: string;
  needsAttention?: boolean;
}

/** Failed orders, and orders with an error nobody has resolved yet. */
export function needingAttention(db: Knex, q: Knex.QueryBuilder): Knex.QueryBuilder {
  return q.where((w) => w.where('status', 'failed').orWhereIn('id', db('order_errors').whereNull('resolved_at').whereNotNull('order_id').select('order_id')));
}

/** The filters as a WHERE on orders (no joins, so keyset pagination and counts share it). */
function filtered(db: Knex, s: OrderSearch, withStatus: boolean): Knex.QueryBuilder {
  const q = db('orders');
  const text = s.q?.trim();
  if (text) {
    const phone = normalizePhilippineMobile(text);
    // The customer's phone, or the one on the shipping address (stored as typed: matched on its last 10 digits).
    if (phone.ok) q.where((w) => w.whereIn('customer_id', db('customers').where('phone', phone.e164).select('id')).orWhere('shipping_address', 'like', `%${phone.e164.slice(-10)}%`));
    else if (text.includes('@')) q.whereIn('customer_id', db('customers').where('email', text.toLowerCase()).select('id'));
    else
      q.where((w) => {
        w.where('id', text).orWhereIn('id', db('order_items').where('sku', text.toUpperCase()).orWhere('sku', text).select('order_id'));
        if (/^[0-9a-f-]{6,36}$/i.test(text)) w.orWhere('id', 'like', `%${text.toLowerCase()}`);
      });
  }
  if (withStatus && s.status) q.where('status', s.status);
  if (s.paymentMethod) q.where('payment_method', s.paymentMethod);
  if (s.from) q.where('created_at', '>=', new Date(`${s.from}T00:00:00Z`));
  if (s.to) q.where('created_at', '<', new Date(Date.parse(`${s.to}T00:00:00Z`) + 86_400_000));
  if (s.needsAttention) needingAttention(db, q);
  return q;
}

export interface OrderListRow {
  id: string;
  status: OrderStatus;
  customerId: string;
  customerName: string | null;
  itemsCount: number;
  totalCentavos: number;
  paymentMethod: string;
  createdAt: string;
}

/** One page of matching orders, newest first, with the customer's name and the items count. */
export async function searchOrders(db: Knex, s: OrderSearch, limit: number, cursor: KeysetCursor | null) {
  const { rows, nextCursor } = await newestFirstPage(filtered(db, s, true), limit, cursor);
  const ids = rows.map((r) => String(r.id));
  const customerIds = [...new Set(rows.map((r) => String(r.customer_id)))];
  const [counts, customers]: [Row[], Row[]] = await Promise.all([
    ids.length ? db('order_items').whereIn('order_id', ids).select('order_id').sum({ n: 'quantity' }).groupBy('order_id') : [],
    customerIds.length ? db('customers').whereIn('id', customerIds).select('id', 'name') : [],
  ]);
  const itemsOf = new Map(counts.map((c) => [String(c.order_id), fromDb.int(c.n)]));
  const nameOf = new Map(customers.map((c) => [String(c.id), String(c.name)]));
  const data: OrderListRow[] = rows.map((o) => ({
    id: String(o.id),
    status: o.status as OrderStatus,
    customerId: String(o.customer_id),
    customerName: nameOf.get(String(o.customer_id)) ?? null,
    itemsCount: itemsOf.get(String(o.id)) ?? 0,
    totalCentavos: fromDb.int(o.total_centavos),
    paymentMethod: String(o.payment_method),
    createdAt: fromDb.iso(o.created_at)!,
  }));
  return { data, nextCursor };
}

/** How many orders match in each status (the other filters applied). */
export async function countMatchesByStatus(db: Knex, s: OrderSearch): Promise<Map<string, number>> {
  const rows: Row[] = await filtered(db, s, false).select('status').count({ n: '*' }).groupBy('status');
  return new Map(rows.map((r) => [String(r.status), fromDb.int(r.n)]));
}
