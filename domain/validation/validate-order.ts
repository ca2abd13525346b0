import type { Issue } from '../error-codes';
import type { PlacedOrderRequest } from '../order-request';
import { priceOrder, type PricedTotals } from '../pricing';
import { addressRules } from './address-rules';
import { amountRules } from './amount-rules';
import type { Rule, ValidationContext } from './context';
import { customerRules } from './customer-rules';
import { fraudRules, VERIFICATION_CODES } from './fraud-rules';
import { itemRules } from './item-rules';
import { paymentRules } from './payment-rules';
import { productRules } from './product-rules';
import { promoRules } from './promo-rules';

const RULES: Rule[] = [customerRules, itemRules, productRules, paymentRules, amountRules, addressRules, promoRules, fraudRules];

export interface PricedLine {
  productId: string;
  sku: string;
  name: string;
  unitPriceCentavos: number;
  quantity: number;
  lineTotalCentavos: number;
}

export interface ValidationResult {
  errors: Issue[];
  warnings: Issue[];
  lines: PricedLine[];
  totals: PricedTotals;
  requiresVerification: boolean;
}

/** Runs every rule and returns every problem at once (docs/domain.md §3). */
export function validateOrder(order: PlacedOrderRequest, ctx: ValidationContext): ValidationResult {
  const lines: PricedLine[] = [];
  for (const item of order.items) {
    const p = ctx.products.get(item.productId);
    if (!p || !Number.isInteger(item.quantity)) continue;
    lines.push({
      productId: p.id,
      sku: p.sku,
      name: p.name,
      unitPriceCentavos: p.priceCentavos,
      quantity: item.quantity,
      lineTotalCentavos: p.priceCentavos * item.quantity,
    });
  }
  const promo = ctx.promo?.found ? ctx.promo.terms : null;
  const totals = priceOrder({ lines, promo, islandGroup: ctx.address.islandGroup }, ctx.rules);
  const issues = RULES.flatMap((rule) => rule(order, ctx, totals));
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return {
    errors,
    warnings,
    lines,
    totals,
    requiresVerification: warnings.some((w) => VERIFICATION_CODES.includes(w.code)),
  };
}
