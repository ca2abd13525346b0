import { codes, NOW, order, promo, validate } from './context-builder';

const HOUR_MS = 3_600_000;
const withPromo = (overrides: Parameters<typeof promo>[0]) => validate(order({ promoCode: 'save10' }), { promo: promo(overrides) });

describe('promo rules', () => {
  it('accepts a valid promo and prices its discount', () => {
    const result = withPromo({});
    expect(codes(result)).toEqual([]);
    expect(result.totals.discountCentavos).toBe(1_000);
  });

  it('rejects an unknown code with PROMO_NOT_FOUND', () => {
    const result = validate(order({ promoCode: 'NOPE' }), { promo: { found: false } });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'PROMO_NOT_FOUND', field: 'promoCode' })]);
    expect(result.totals.discountCentavos).toBe(0);
  });

  it('rejects a disabled promo with PROMO_INACTIVE', () => {
    expect(codes(withPromo({ active: false }))).toEqual(['PROMO_INACTIVE']);
  });

  it('rejects a promo before its start with PROMO_NOT_STARTED and accepts it from the start', () => {
    expect(codes(withPromo({ startsAt: new Date(NOW.getTime() + HOUR_MS) }))).toEqual(['PROMO_NOT_STARTED']);
    expect(codes(withPromo({ startsAt: NOW }))).toEqual([]);
  });

  it('rejects a promo from its end on with PROMO_EXPIRED and accepts it just before', () => {
    expect(codes(withPromo({ endsAt: NOW }))).toEqual(['PROMO_EXPIRED']);
    expect(codes(withPromo({ endsAt: new Date(NOW.getTime() - HOUR_MS) }))).toEqual(['PROMO_EXPIRED']);
    expect(codes(withPromo({ endsAt: new Date(NOW.getTime() + 1) }))).toEqual([]);
  });

  it('rejects a promo whose redemptions reached its usage limit with PROMO_USAGE_LIMIT_REACHED', () => {
    expect(codes(withPromo({ usageLimit: 5, redemptions: 5 }))).toEqual(['PROMO_USAGE_LIMIT_REACHED']);
    expect(codes(withPromo({ usageLimit: 5, redemptions: 4 }))).toEqual([]);
  });

  it("rejects a promo this customer has used up with PROMO_CUSTOMER_LIMIT_REACHED", () => {
    expect(codes(withPromo({ perCustomerLimit: 1, customerRedemptions: 1 }))).toEqual(['PROMO_CUSTOMER_LIMIT_REACHED']);
    expect(codes(withPromo({ perCustomerLimit: 2, customerRedemptions: 1 }))).toEqual([]);
  });

  it('rejects a subtotal below the promo minimum with PROMO_MIN_ORDER_NOT_MET, comparing before the discount', () => {
    // The default order's subtotal is 100.00.
    expect(codes(withPromo({ minOrderCentavos: 10_001 }))).toEqual(['PROMO_MIN_ORDER_NOT_MET']);
    expect(codes(withPromo({ minOrderCentavos: 10_000 }))).toEqual([]);
  });
});
