import type { Issue } from '../error-codes';
import type { Centavos } from '../money';
import type { PricedTotals, PromoTerms } from '../pricing';
import type { IslandGroup, RulesConfig } from '../rules-config';
import type { PlacedOrderRequest } from '../order-request';

/**
 * Everything the rules need to know about the world, loaded by the
 * validation activity before any rule runs. Rules are pure functions of the
 * request and this context.
 */
export interface ValidationContext {
  now: Date;
  rules: RulesConfig;
  customer: { id: string; status: string; trusted: boolean; createdAt: Date } | null;
  products: Map<string, ProductSnapshot>;
  address: AddressFacts;
  phoneE164: string | null;
  promo: PromoFacts | null;
  velocity: { customerOrdersLastHour: number; ipOrdersLastHour: number };
  /** id of an order by the same customer with the same lines within the duplicate window */
  duplicateOfOrderId: string | null;
}

export interface ProductSnapshot {
  id: string;
  sku: string;
  name: string;
  priceCentavos: Centavos;
  status: string;
  available: number;
}

export interface AddressFacts {
  islandGroup: IslandGroup | null;
  /** ADDRESS_UNKNOWN_LOCATION issues found by the PSGC lookup */
  issues: Issue[];
}

export type PromoFacts =
  | { found: false }
  | {
      found: true;
      id: string;
      code: string;
      active: boolean;
      startsAt: Date | null;
      endsAt: Date | null;
      minOrderCentavos: Centavos;
      usageLimit: number | null;
      perCustomerLimit: number | null;
      redemptions: number;
      customerRedemptions: number;
      terms: PromoTerms;
    };

export type Rule = (order: PlacedOrderRequest, ctx: ValidationContext, totals: PricedTotals) => Issue[];

export function issue(code: Issue['code'], field: string, message: string, severity: Issue['severity'] = 'error'): Issue {
  return { code, field, message, severity };
}
