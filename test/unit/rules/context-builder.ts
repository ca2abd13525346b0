import type { Issue } from '../../../domain/error-codes';
import type { PlacedOrderRequest } from '../../../domain/order-request';
import { normalizePhilippineMobile } from '../../../domain/phone';
import { DEFAULT_RULES } from '../../../domain/rules-config';
import type { ProductSnapshot, PromoFacts, ValidationContext } from '../../../domain/validation/context';
import { validateOrder, type ValidationResult } from '../../../domain/validation/validate-order';
import { ADDRESS } from '../../support/address';

/**
 * Hand-built validation inputs: a valid order and the world it is valid in,
 * which each test spoils in exactly one way. The defaults break no rule and
 * raise no warning (see "a valid order" in every-problem.test.ts), so an
 * issue a test sees comes from the change that test made.
 */
export const NOW = new Date('2026-11-27T04:00:00Z');
const DAY_MS = 86_400_000;

export function product(overrides: Partial<ProductSnapshot> = {}): ProductSnapshot {
  const id = overrides.id ?? 'p-1';
  return { id, sku: `SKU-${id}`, name: `Product ${id}`, priceCentavos: 10_000, status: 'active', available: 100, ...overrides };
}

export function order(overrides: Partial<PlacedOrderRequest> = {}): PlacedOrderRequest {
  return {
    customerId: 'c-1',
    items: [{ productId: 'p-1', quantity: 1 }],
    paymentMethod: 'gcash',
    shippingAddress: { ...ADDRESS },
    source: 'api',
    ...overrides,
  };
}

/** An active, untrusted customer with a 30-day-old account. */
export function customer(overrides: Partial<NonNullable<ValidationContext['customer']>> = {}): NonNullable<ValidationContext['customer']> {
  return { id: 'c-1', status: 'active', trusted: false, createdAt: new Date(NOW.getTime() - 30 * DAY_MS), ...overrides };
}

/** A 10 % promo with no limits, window or minimum, redeemed by nobody yet. */
export function promo(overrides: Partial<Extract<PromoFacts, { found: true }>> = {}): PromoFacts {
  return {
    found: true,
    id: 'promo-1',
    code: 'SAVE10',
    active: true,
    startsAt: null,
    endsAt: null,
    minOrderCentavos: 0,
    usageLimit: null,
    perCustomerLimit: null,
    redemptions: 0,
    customerRedemptions: 0,
    terms: { kind: 'percent', value: 10, maxDiscountCentavos: null },
    ...overrides,
  };
}

/**
 * The context for an order. The phone is normalised from the order as the
 * loader does; the PSGC lookup lives in the activity, so a test that wants
 * an unknown place passes its issues in `address`.
 */
export function context(forOrder: PlacedOrderRequest, overrides: Partial<ValidationContext> = {}): ValidationContext {
  const phone = forOrder.shippingAddress.phone ? normalizePhilippineMobile(forOrder.shippingAddress.phone) : null;
  return {
    now: NOW,
    rules: DEFAULT_RULES,
    customer: customer(),
    products: new Map([['p-1', product()]]),
    address: { islandGroup: 'metro_manila', issues: [] },
    phoneE164: phone?.ok ? phone.e164 : null,
    promo: null,
    velocity: { customerOrdersLastHour: 0, ipOrdersLastHour: 0 },
    duplicateOfOrderId: null,
    ...overrides,
  };
}

export const catalogue = (...products: ProductSnapshot[]) => new Map(products.map((p) => [p.id, p]));

/** Validates an order in its context (built from overrides unless given whole). */
export function validate(forOrder: PlacedOrderRequest, overrides: Partial<ValidationContext> = {}): ValidationResult {
  return validateOrder(forOrder, context(forOrder, overrides));
}

/** The codes of every issue, errors and warnings alike, in the order they were found. */
export const codes = (result: ValidationResult): Issue['code'][] => [...result.errors, ...result.warnings].map((i) => i.code);
