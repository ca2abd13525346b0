import { catalogue, codes, customer, NOW, order, product, validate } from './context-builder';

const HOUR_MS = 3_600_000;
/** Two of the product pricedAt() makes: free shipping, so the total is exactly twice its price. */
const twoOf = (paymentMethod: string) => order({ items: [{ productId: 'p-1', quantity: 2 }], paymentMethod });
const pricedAt = (price: number) => catalogue(product({ priceCentavos: price }));

describe('velocity', () => {
  it('rejects the 11th order of a customer within the hour with VELOCITY_LIMIT_EXCEEDED', () => {
    const result = validate(order(), { velocity: { customerOrdersLastHour: 10, ipOrdersLastHour: 0 } });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'VELOCITY_LIMIT_EXCEEDED', field: 'customerId' })]);
    expect(codes(validate(order(), { velocity: { customerOrdersLastHour: 9, ipOrdersLastHour: 0 } }))).toEqual([]);
  });

  it('rejects the 31st order from one IP address within the hour with VELOCITY_LIMIT_EXCEEDED', () => {
    const result = validate(order(), { velocity: { customerOrdersLastHour: 0, ipOrdersLastHour: 30 } });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'VELOCITY_LIMIT_EXCEEDED', field: 'clientIp' })]);
    expect(codes(validate(order(), { velocity: { customerOrdersLastHour: 0, ipOrdersLastHour: 29 } }))).toEqual([]);
  });
});

describe('verification of cash on delivery', () => {
  it('holds cash on delivery above 50,000.00 by an untrusted customer with the VERIFICATION_REQUIRED warning', () => {
    const result = validate(twoOf('cod'), { products: pricedAt(2_500_001) });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'VERIFICATION_REQUIRED', severity: 'warning' })]);
    expect(result.requiresVerification).toBe(true);
  });

  it('does not hold cash on delivery of exactly 50,000.00', () => {
    const result = validate(twoOf('cod'), { products: pricedAt(2_500_000) });
    expect(result.totals.totalCentavos).toBe(5_000_000);
    expect(codes(result)).toEqual([]);
  });

  it('exempts a customer on the trusted-buyer list', () => {
    const result = validate(twoOf('cod'), { products: pricedAt(2_500_001), customer: customer({ trusted: true }) });
    expect(codes(result)).toEqual([]);
    expect(result.requiresVerification).toBe(false);
  });

  it('does not hold the same amount paid another way', () => {
    expect(codes(validate(twoOf('gcash'), { products: pricedAt(2_500_001) }))).toEqual([]);
  });
});

describe('new accounts', () => {
  const young = (ageHours: number) => customer({ createdAt: new Date(NOW.getTime() - ageHours * HOUR_MS) });

  it('holds an order above 20,000.00 from an account younger than 24 hours with NEW_ACCOUNT_HIGH_VALUE', () => {
    const result = validate(twoOf('gcash'), { products: pricedAt(1_000_001), customer: young(23) });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'NEW_ACCOUNT_HIGH_VALUE', severity: 'warning' })]);
    expect(result.requiresVerification).toBe(true);
  });

  it('does not hold 20,000.00 exactly, nor an account of 24 hours', () => {
    expect(codes(validate(twoOf('gcash'), { products: pricedAt(1_000_000), customer: young(1) }))).toEqual([]);
    expect(codes(validate(twoOf('gcash'), { products: pricedAt(1_000_001), customer: young(24) }))).toEqual([]);
  });

  it('holds the same order from a trusted new account too: trust exempts only cash-on-delivery verification', () => {
    const result = validate(twoOf('gcash'), { products: pricedAt(1_000_001), customer: customer({ trusted: true, createdAt: NOW }) });
    expect(codes(result)).toEqual(['NEW_ACCOUNT_HIGH_VALUE']);
  });
});

describe('duplicates', () => {
  it('warns of a possible duplicate with POSSIBLE_DUPLICATE_ORDER without holding the order', () => {
    const result = validate(order(), { duplicateOfOrderId: 'order-9' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE_ORDER', field: 'items', severity: 'warning' })]);
    expect(result.warnings[0].message).toContain('order-9');
    expect(result.requiresVerification).toBe(false);
  });
});
