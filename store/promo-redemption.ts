import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { RuleCode } from '../domain/error-codes';
import { insertOnce } from './insert-once';

/**
 * Promo redemptions are counted by conditional updates inside the order's
 * creation transaction, so no promo is ever redeemed past its limits however
 * many orders race for it (the database also refuses it: CHECK constraint).
 * A redemption is active while its order is live, final once confirmed, and
 * released (counters given back) on cancel, expiry or failure.
 */
export async function redeemPromo(
  trx: Knex.Transaction,
  r: { promoId: string; orderId: string; customerId: string; discountCentavos: number; perCustomerLimit: number | null },
  now: Date,
): Promise<RuleCode | null> {
  if (await trx('promo_redemptions').where({ order_id: r.orderId }).first()) return null;
  const counted = await trx('promo_codes')
    .where({ id: r.promoId })
    .andWhere((q) => q.whereNull('usage_limit').orWhere('redemptions_count', '<', trx.ref('usage_limit')))
    .increment('redemptions_count', 1);
  if (counted === 0) return 'PROMO_USAGE_LIMIT_REACHED';
  await insertOnce(trx, 'promo_customer_usage', { promo_id: r.promoId, customer_id: r.customerId, used: 0 }, ['promo_id', 'customer_id']);
  const usage = trx('promo_customer_usage').where({ promo_id: r.promoId, customer_id: r.customerId });
  if (r.perCustomerLimit !== null) usage.andWhere('used', '<', r.perCustomerLimit);
  if ((await usage.increment('used', 1)) === 0) return 'PROMO_CUSTOMER_LIMIT_REACHED';
  await trx('promo_redemptions').insert({
    id: uuid(),
    promo_id: r.promoId,
    order_id: r.orderId,
    customer_id: r.customerId,
    status: 'active',
    discount_centavos: r.discountCentavos,
    created_at: now,
    updated_at: now,
  });
  return null;
}

/** Make an order's active redemption final, or give it back. Idempotent: guarded by status. */
export async function settlePromo(trx: Knex.Transaction, orderId: string, outcome: 'final' | 'released', now: Date): Promise<void> {
  const redemption = await trx('promo_redemptions').where({ order_id: orderId }).first();
  if (!redemption) return;
  const from = outcome === 'final' ? ['active'] : ['active', 'final'];
  const changed = await trx('promo_redemptions').where({ id: redemption.id }).whereIn('status', from).update({ status: outcome, updated_at: now });
  if (changed === 0 || outcome === 'final') return;
  await trx('promo_codes').where({ id: redemption.promo_id }).decrement('redemptions_count', 1);
  await trx('promo_customer_usage').where({ promo_id: redemption.promo_id, customer_id: redemption.customer_id }).decrement('used', 1);
}
