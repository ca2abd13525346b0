import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import { adjustStock } from '../store/stock';

const PRODUCTS = [
  { sku: 'COFFEE-BARAKO-500', name: 'Batangas Barako Coffee 500 g', price: 38_000, stock: 200 },
  { sku: 'DRIED-MANGO-200', name: 'Cebu Dried Mangoes 200 g', price: 16_500, stock: 500 },
  { sku: 'ABACA-BAG', name: 'Handwoven Abaca Tote', price: 125_000, stock: 40 },
  { sku: 'PILI-NUTS-250', name: 'Bicol Pili Nuts 250 g', price: 29_900, stock: 150 },
  { sku: 'TABLEA-12', name: 'Cacao Tablea (12 pcs)', price: 22_000, stock: 8 },
];

/** A small catalogue and one customer so a new user can place an order at once. Only into an empty database. */
export async function seedDemo(db: Knex): Promise<{ customerId: string } | null> {
  const existing = await db('customers').where({ email: 'juan@example.ph' }).first('id');
  if (existing) return { customerId: existing.id };
  const now = new Date();
  const customerId = uuid();
  const actor = { type: 'system' as const, id: 'demo-seed' };
  await db.transaction(async (trx) => {
    // An old account, so the demo order is not held as a new-account high-value order.
    const since = new Date(now.getTime() - 30 * 86_400_000);
    await trx('customers').insert({ id: customerId, email: 'juan@example.ph', phone: '+639171234567', name: 'Juan dela Cruz', status: 'active', trusted: false, created_at: since, updated_at: since });
    for (const p of PRODUCTS) {
      const id = uuid();
      await trx('products').insert({ id, sku: p.sku, name: p.name, price_centavos: p.price, status: 'active', stock_on_hand: 0, stock_reserved: 0, low_stock_threshold: 10, created_at: now, updated_at: now });
      await adjustStock(trx, id, p.stock, 'opening stock', actor, now);
    }
  });
  return { customerId };
}
