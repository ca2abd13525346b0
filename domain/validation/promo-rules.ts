import type { Issue } from '../error-codes';
import { formatPeso } from '../money';
import { issue, type Rule } from './context';

const FIELD = 'promoCode';

/** The promo exists, is on, in its window, under its limits and its minimum is met. */
export const promoRules: Rule = (order, ctx, totals) => {
  const promo = ctx.promo;
  if (!promo) return [];
  if (!promo.found) return [issue('PROMO_NOT_FOUND', FIELD, `Promo code ${order.promoCode} does not exist`)];
  const found: Issue[] = [];
  if (!promo.active) found.push(issue('PROMO_INACTIVE', FIELD, `Promo code ${promo.code} is not active`));
  if (promo.startsAt && ctx.now < promo.startsAt) {
    found.push(issue('PROMO_NOT_STARTED', FIELD, `Promo code ${promo.code} starts ${promo.startsAt.toISOString()}`));
  }
  if (promo.endsAt && ctx.now >= promo.endsAt) {
    found.push(issue('PROMO_EXPIRED', FIELD, `Promo code ${promo.code} ended ${promo.endsAt.toISOString()}`));
  }
  if (promo.usageLimit !== null && promo.redemptions >= promo.usageLimit) {
    found.push(issue('PROMO_USAGE_LIMIT_REACHED', FIELD, `Promo code ${promo.code} has been fully redeemed`));
  }
  if (promo.perCustomerLimit !== null && promo.customerRedemptions >= promo.perCustomerLimit) {
    found.push(issue('PROMO_CUSTOMER_LIMIT_REACHED', FIELD, `You have already used promo code ${promo.code}`));
  }
  if (totals.subtotalCentavos < promo.minOrderCentavos) {
    found.push(
      issue('PROMO_MIN_ORDER_NOT_MET', FIELD, `Promo code ${promo.code} needs a subtotal of ${formatPeso(promo.minOrderCentavos)}`),
    );
  }
  return found;
};
