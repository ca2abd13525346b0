import type { Knex } from 'knex';
import { fromDb } from '../../lib/db';

/** What a notification needs to know about its order and customer. */
export interface OrderFacts {
  orderId: string;
  customerName: string;
  email: string | null;
  /** E.164: the order's shipping phone, else the customer's */
  phone: string | null;
  totalCentavos: number;
  carrier: string | null;
  trackingNumber: string | null;
}

export async function loadOrderFacts(db: Knex, orderId: string): Promise<OrderFacts | null> {
  const row = await db('orders as o')
    .join('customers as c', 'c.id', 'o.customer_id')
    .where('o.id', orderId)
    .first('o.shipping_address', 'o.total_centavos', 'o.carrier', 'o.tracking_number', 'c.name', 'c.email', 'c.phone');
  if (!row) return null;
  // create-order stores the validated shipping phone normalised to E.164.
  const shipping = fromDb.json<{ phone?: string }>(row.shipping_address, {});
  return {
    orderId,
    customerName: String(row.name),
    email: row.email ?? null,
    phone: shipping.phone || row.phone || null,
    totalCentavos: fromDb.int(row.total_centavos),
    carrier: row.carrier ?? null,
    trackingNumber: row.tracking_number ?? null,
  };
}
