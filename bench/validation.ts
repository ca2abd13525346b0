import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { validateOrder } from '../activities/validate-order';
import type { PlacedOrderRequest } from '../domain/order-request';
import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { adjustStock } from '../store/stock';
import { percentile } from './stats';

/**
 * npm run bench:validation: times the real validateOrder activity (loading
 * its context from the database, then every rule) on a 50-line order with a
 * promo and a full address. SQLite in a temporary folder by default, or the
 * MariaDB of DATABASE_URL=mysql://… (migrated, and given its own bench rows).
 *   BENCH_ITERATIONS (500)  BENCH_WARMUP (50)
 */
const iterations = Number(process.env.BENCH_ITERATIONS ?? 500);
const warmup = Number(process.env.BENCH_WARMUP ?? 50);
const LINES = 50;

async function seed(db: Knex, run: string): Promise<PlacedOrderRequest> {
  const now = new Date();
  const customerId = randomUUID();
  const productIds = Array.from({ length: LINES }, () => randomUUID());
  await db.transaction(async (trx) => {
    // A month-old account, so no new-account warning changes the work done.
    const since = new Date(now.getTime() - 30 * 86_400_000);
    await trx('customers').insert({ id: customerId, email: `bench-${run}@example.ph`, name: 'Bench Buyer', status: 'active', trusted: false, created_at: since, updated_at: since });
    for (const [i, id] of productIds.entries()) {
      await trx('products').insert({ id, sku: `BENCH-${run}-${i}`, name: `Bench item ${i}`, price_centavos: 1_000 + i, status: 'active', stock_on_hand: 0, stock_reserved: 0, low_stock_threshold: 10, created_at: now, updated_at: now });
      await adjustStock(trx, id, 1_000, 'bench stock', { type: 'system', id: 'bench' }, now);
    }
    await trx('promo_codes').insert({ id: randomUUID(), code: `BENCH-${run}`, kind: 'percent', value: 10, max_discount_centavos: 50_000, min_order_centavos: 0, usage_limit: 1_000, per_customer_limit: 1, active: true, redemptions_count: 0, created_at: now, updated_at: now });
  });
  return {
    customerId,
    items: productIds.map((productId, i) => ({ productId, quantity: 1 + (i % 5) })),
    paymentMethod: 'gcash',
    promoCode: `bench-${run}`,
    shippingAddress: { recipientName: 'Juan dela Cruz', phone: '0917 123 4567', line1: '123 Ayala Ave.', line2: 'Unit 4B', barangay: 'Brgy. Bel-Air', city: 'City of Makati', province: 'NCR', postalCode: '1209' },
    source: 'api',
  };
}

async function main(): Promise<void> {
  const mysql = process.env.DATABASE_URL?.startsWith('mysql') ? process.env.DATABASE_URL : undefined;
  const tmp = mysql ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-'));
  const databaseUrl = mysql ?? `sqlite:${path.join(tmp!, 'bench.sqlite')}`;
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const db = createDb(databaseUrl, tmp ?? os.tmpdir());
  try {
    await db.migrate.latest();
    const request = await seed(db, randomUUID().slice(0, 8));
    const validate = validateOrder({ db, config, log: pino({ level: 'warn' }) });
    const once = async () => {
      const outcome = await validate({ request, clientIp: '203.0.113.7' });
      // Only an accepted order runs every rule and prices the promo: a rejection would time less work.
      if (!outcome.ok || outcome.totals.discountCentavos === 0) throw new Error(`bench order not accepted: ${JSON.stringify(outcome)}`);
    };
    for (let i = 0; i < warmup; i++) await once();
    const ms: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      await once();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(2);
    console.log(
      `validateOrder, ${LINES} lines + promo + address, ${mysql ? 'MariaDB' : 'SQLite'}: ` +
        `p50 ${f(percentile(ms, 50))} ms  p99 ${f(percentile(ms, 99))} ms  (${iterations} runs after ${warmup} warm-up)`,
    );
  } finally {
    await db.destroy();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
