import { percentOf, vatShare, type Centavos } from './money';
import type { IslandGroup, RulesConfig } from './rules-config';

export type PromoKind = 'percent' | 'fixed' | 'free_shipping';

/** What pricing needs of a promo (the rules decide whether it applies at all). */
export interface PromoTerms {
  kind: PromoKind;
  /** percent: whole percent 1..100; fixed: centavos; free_shipping: unused */
  value: number;
  maxDiscountCentavos: Centavos | null;
}

export interface PricedTotals {
  subtotalCentavos: Centavos;
  discountCentavos: Centavos;
  shippingFeeCentavos: Centavos;
  totalCentavos: Centavos;
  vatCentavos: Centavos;
}

export interface PricingInput {
  lines: { unitPriceCentavos: Centavos; quantity: number }[];
  promo: PromoTerms | null;
  /** null when the destination is unknown: the order is rejected anyway, price as the dearest group */
  islandGroup: IslandGroup | null;
}

export function promoDiscount(subtotal: Centavos, promo: PromoTerms | null): Centavos {
  if (!promo) return 0;
  switch (promo.kind) {
    case 'percent': {
      const raw = percentOf(subtotal, promo.value);
      return Math.min(raw, promo.maxDiscountCentavos ?? raw, subtotal);
    }
    case 'fixed':
      return Math.min(promo.value, subtotal);
    case 'free_shipping':
      return 0;
  }
}

/**
 * docs/domain.md §2. A free-shipping promo shows as a zero shipping fee rather
 * than as a discount, so the customer sees "shipping: free".
 */
export function priceOrder(input: PricingInput, rules: RulesConfig): PricedTotals {
  const subtotal = input.lines.reduce((sum, l) => sum + l.unitPriceCentavos * l.quantity, 0);
  const discount = promoDiscount(subtotal, input.promo);
  const fees = rules.shippingFeeCentavos;
  const baseFee = input.islandGroup ? fees[input.islandGroup] : Math.max(...Object.values(fees));
  const freeShipping =
    input.promo?.kind === 'free_shipping' || subtotal - discount >= rules.freeShippingThresholdCentavos;
  const shippingFee = freeShipping ? 0 : baseFee;
  const total = subtotal - discount + shippingFee;
  return {
    subtotalCentavos: subtotal,
    discountCentavos: discount,
    shippingFeeCentavos: shippingFee,
    totalCentavos: total,
    vatCentavos: vatShare(total),
  };
}

/** Customer tier by lifetime spend (docs/domain.md §4, thresholds are config). */
export function tierFor(totalSpent: Centavos, rules: RulesConfig): 'bronze' | 'silver' | 'gold' | 'platinum' {
  const t = rules.tierThresholdsCentavos;
  if (totalSpent >= t.platinum) return 'platinum';
  if (totalSpent >= t.gold) return 'gold';
  if (totalSpent >= t.silver) return 'silver';
  return 'bronze';
}
