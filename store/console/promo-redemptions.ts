import type { Knex } from 'knex';
import { fromDb } from '../../lib/db';

type Row = Record<string, unknown>;

/** A promo code's redemptions, newest first: active (order live), final (confirmed) or released. */
export async function listRedemptions(db: Knex, promoId: string, limit = 200) {
  const rows: Row[] = await db('promo_redemptions').where({ promo_id: promoId }).orderBy('created_at', 'desc').limit(limit);
  return rows.map((r) => ({
    orderId: String(r.order_id),
    customerId: String(r.customer_id),
    status: String(r.status),
    discountCentavos: fromDb.int(r.discount_centavos),
    at: fromDb.iso(r.created_at)!,
  }));
}
