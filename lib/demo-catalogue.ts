import type { Knex } from 'knex';
import { insertCustomer, readCustomerByEmail } from '../store/customer-store';
import { insertProduct } from '../store/product-store';

const PRODUCTS = [
  { sku: 'COFFEE-BARAKO-500', name: 'Batangas Barako Coffee 500 g', price: 38_000, stock: 200 },
  { sku: 'DRIED-MANGO-200', name: 'Cebu Dried Mangoes 200 g', price: 16_500, stock: 500 },
  { sku: 'ABACA-BAG', name: 'Handwoven Abaca Tote', price: 125_000, stock: 40 },
  { sku: 'PILI-NUTS-250', name: 'Bicol Pili Nuts 250 g', price: 29_900, stock: 150 },
  { sku: 'TABLEA-12', name: 'Cacao Tablea (12 pcs)', price: 22_000, stock: 8 },
];

const EMAIL = 'juan@example.ph';

/** A small catalogue and one customer so a new user can place an order at once. Only into an empty database. */
export async function seedDemo(db: Knex): Promise<{ customerId: string } | null> {
  const existing = await readCustomerByEmail(db, EMAIL);
  if (existing) return { customerId: existing.id };
  const now = new Date();
  const actor = { type: 'system' as const, id: 'demo-seed' };
  // One transaction: a start interrupted half-way leaves no customer without the catalogue, so the next start seeds again.
  const customerId = await db.transaction(async (trx) => {
    // An old account, so the demo order is not held as a new-account high-value order.
    const since = new Date(now.getTime() - 30 * 86_400_000);
    const id = await insertCustomer(trx, { email: EMAIL, phone: '+639171234567', name: 'Juan dela Cruz', status: 'active', trusted: false }, since);
    for (const p of PRODUCTS) {
      await insertProduct(trx, { sku: p.sku, name: p.name, priceCentavos: p.price, status: 'active', stockOnHand: p.stock, lowStockThreshold: 10 }, actor, now);
    }
    return id;
  });
  return { customerId };
}
