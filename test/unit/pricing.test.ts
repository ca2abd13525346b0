import { priceOrder, promoDiscount, tierFor, type PromoTerms } from '../../domain/pricing';
import { DEFAULT_RULES, type IslandGroup } from '../../domain/rules-config';

const percent = (value: number, maxDiscountCentavos: number | null = null): PromoTerms => ({ kind: 'percent', value, maxDiscountCentavos });
const fixed = (value: number): PromoTerms => ({ kind: 'fixed', value, maxDiscountCentavos: null });
const FREE_SHIPPING: PromoTerms = { kind: 'free_shipping', value: 0, maxDiscountCentavos: null };

/** One line of this subtotal, to Metro Manila unless said otherwise. */
const price = (subtotal: number, promo: PromoTerms | null = null, islandGroup: IslandGroup | null = 'metro_manila') =>
  priceOrder({ lines: [{ unitPriceCentavos: subtotal, quantity: 1 }], promo, islandGroup }, DEFAULT_RULES);

describe('promo discounts', () => {
  it('rounds a percent discount half-up to the centavo', () => {
    expect(promoDiscount(12_345, percent(10))).toBe(1_235); // 1,234.5
    expect(promoDiscount(12_344, percent(10))).toBe(1_234); // 1,234.4
    expect(promoDiscount(5, percent(10))).toBe(1); // 0.5
  });

  it("caps a percent discount at the promo's maximum", () => {
    expect(promoDiscount(100_000, percent(20, 5_000))).toBe(5_000);
    expect(promoDiscount(10_000, percent(20, 5_000))).toBe(2_000);
  });

  it('caps a percent discount at the subtotal', () => {
    expect(promoDiscount(7_777, percent(100, 1_000_000))).toBe(7_777);
    // The API takes 1..100 only; a promo row with more still never takes more than the subtotal.
    expect(promoDiscount(7_777, percent(150))).toBe(7_777);
  });

  it('caps a fixed discount at the subtotal', () => {
    expect(promoDiscount(30_000, fixed(50_000))).toBe(30_000);
    expect(promoDiscount(80_000, fixed(50_000))).toBe(50_000);
  });

  it('gives no discount without a promo, and none for free shipping (the fee goes instead)', () => {
    expect(promoDiscount(10_000, null)).toBe(0);
    expect(promoDiscount(10_000, FREE_SHIPPING)).toBe(0);
  });
});

describe('priceOrder', () => {
  it('adds up unit price times quantity over the lines', () => {
    const lines = [
      { unitPriceCentavos: 25_000, quantity: 3 },
      { unitPriceCentavos: 1_999, quantity: 2 },
    ];
    expect(priceOrder({ lines, promo: null, islandGroup: 'luzon' }, DEFAULT_RULES).subtotalCentavos).toBe(78_998);
  });

  it.each([
    ['metro_manila', 10_000],
    ['luzon', 15_000],
    ['visayas', 20_000],
    ['mindanao', 22_000],
  ] as const)('charges shipping to %s of %i centavos', (group, fee) => {
    expect(price(50_000, null, group)).toMatchObject({ shippingFeeCentavos: fee, totalCentavos: 50_000 + fee });
  });

  it('charges the dearest fee when the destination is unknown', () => {
    expect(price(50_000, null, null).shippingFeeCentavos).toBe(22_000);
  });

  it('ships free from 1,500.00 and charges below it', () => {
    expect(price(150_000).shippingFeeCentavos).toBe(0);
    expect(price(149_999).shippingFeeCentavos).toBe(10_000);
  });

  it('decides free shipping on the subtotal after the discount', () => {
    // 1,600.00 less 10 % is 1,440.00: below the threshold, so shipping is charged.
    expect(price(160_000, percent(10))).toMatchObject({ discountCentavos: 16_000, shippingFeeCentavos: 10_000, totalCentavos: 154_000 });
    expect(price(170_000, fixed(20_000))).toMatchObject({ discountCentavos: 20_000, shippingFeeCentavos: 0, totalCentavos: 150_000 });
  });

  it('ships free with a free-shipping promo whatever the subtotal and destination', () => {
    expect(price(1_000, FREE_SHIPPING, 'mindanao')).toMatchObject({ discountCentavos: 0, shippingFeeCentavos: 0, totalCentavos: 1_000 });
  });

  it('totals subtotal - discount + shipping, with VAT round(total * 12 / 112)', () => {
    const t = price(75_000, percent(10));
    expect(t).toEqual({ subtotalCentavos: 75_000, discountCentavos: 7_500, shippingFeeCentavos: 10_000, totalCentavos: 77_500, vatCentavos: 8_304 });
    // 77,500 * 12 / 112 = 8,303.57...
  });

  it('rounds a VAT share of exactly half a centavo up', () => {
    // A total of 14 centavos holds 1.5 centavos of VAT.
    expect(priceOrder({ lines: [{ unitPriceCentavos: 14, quantity: 1 }], promo: FREE_SHIPPING, islandGroup: 'luzon' }, DEFAULT_RULES).vatCentavos).toBe(2);
  });

  it('takes fees and the free-shipping threshold from the configuration', () => {
    const rules = { ...DEFAULT_RULES, freeShippingThresholdCentavos: 1_000, shippingFeeCentavos: { ...DEFAULT_RULES.shippingFeeCentavos, visayas: 123 } };
    const at = (subtotal: number) => priceOrder({ lines: [{ unitPriceCentavos: subtotal, quantity: 1 }], promo: null, islandGroup: 'visayas' }, rules);
    expect(at(999).shippingFeeCentavos).toBe(123);
    expect(at(1_000).shippingFeeCentavos).toBe(0);
  });
});

describe('customer tiers', () => {
  it.each([
    [0, 'bronze'],
    [999_999, 'bronze'],
    [1_000_000, 'silver'],
    [4_999_999, 'silver'],
    [5_000_000, 'gold'],
    [19_999_999, 'gold'],
    [20_000_000, 'platinum'],
  ] as const)('puts a lifetime spend of %i centavos in %s', (spent, tier) => {
    expect(tierFor(spent, DEFAULT_RULES)).toBe(tier);
  });
});
