import { RULE_CODES, type RuleCode } from '../../../domain/error-codes';
import { catalogue, codes, context, customer, NOW, order, product, promo, validate } from './context-builder';
import { validateOrder } from '../../../domain/validation/validate-order';

describe('validateOrder', () => {
  it('finds nothing wrong with the builder’s order, so every other test spoils one thing', () => {
    const result = validate(order());
    expect(result).toMatchObject({ errors: [], warnings: [], requiresVerification: false });
    expect(result.totals).toEqual({ subtotalCentavos: 10_000, discountCentavos: 0, shippingFeeCentavos: 10_000, totalCentavos: 20_000, vatCentavos: 2_143 });
    expect(result.lines).toEqual([{ productId: 'p-1', sku: 'SKU-p-1', name: 'Product p-1', unitPriceCentavos: 10_000, quantity: 1, lineTotalCentavos: 10_000 }]);
  });

  it('returns every problem of an order at once, errors and warnings apart', () => {
    const fillers = Array.from({ length: 45 }, (_, i) => product({ id: `f-${i}` }));
    const bad = order({
      items: [
        { productId: 'gold', quantity: 100 },
        { productId: 'scarce', quantity: 2 },
        { productId: 'ghost', quantity: 1 },
        { productId: 'retired', quantity: 1 },
        { productId: 'p-1', quantity: 1 },
        { productId: 'p-1', quantity: 1 },
        ...fillers.map((f, i) => ({ productId: f.id, quantity: i === 0 ? 0 : 1 })),
      ],
      paymentMethod: 'cod',
      expectedTotalCentavos: 1,
      promoCode: 'save10',
      shippingAddress: { phone: '12345', line1: '1 Rizal St.', barangay: 'Bel Aire', city: 'Makati City', province: 'Metro Manila', postalCode: '12345' },
    });
    const result = validateOrder(
      bad,
      context(bad, {
        customer: customer({ status: 'suspended', createdAt: new Date(NOW.getTime() - 3_600_000) }),
        products: catalogue(
          product({ id: 'gold', priceCentavos: 2_000_000 }),
          product({ id: 'scarce', available: 1 }),
          product({ id: 'retired', status: 'discontinued' }),
          product(),
          ...fillers,
        ),
        address: {
          islandGroup: 'metro_manila',
          issues: [{ code: 'ADDRESS_UNKNOWN_LOCATION', field: 'shippingAddress.barangay', message: 'unknown', severity: 'error', suggestions: ['Bel-Air'] }],
        },
        promo: promo({
          active: false,
          startsAt: new Date(NOW.getTime() + 3_600_000),
          usageLimit: 1,
          redemptions: 1,
          perCustomerLimit: 1,
          customerRedemptions: 1,
          minOrderCentavos: 1_000_000_000,
        }),
        velocity: { customerOrdersLastHour: 10, ipOrdersLastHour: 0 },
        duplicateOfOrderId: 'order-1',
      }),
    );
    const errors: RuleCode[] = [
      'CUSTOMER_INACTIVE',
      'TOO_MANY_ITEMS',
      'DUPLICATE_ITEM',
      'QUANTITY_OUT_OF_RANGE',
      'PRODUCT_NOT_FOUND',
      'PRODUCT_UNAVAILABLE',
      'INSUFFICIENT_STOCK',
      'COD_LIMIT_EXCEEDED',
      'AMOUNT_MISMATCH',
      'ORDER_TOTAL_LIMIT',
      'ADDRESS_INCOMPLETE',
      'INVALID_POSTAL_CODE',
      'INVALID_PHONE',
      'ADDRESS_UNKNOWN_LOCATION',
      'PROMO_INACTIVE',
      'PROMO_NOT_STARTED',
      'PROMO_USAGE_LIMIT_REACHED',
      'PROMO_CUSTOMER_LIMIT_REACHED',
      'PROMO_MIN_ORDER_NOT_MET',
      'VELOCITY_LIMIT_EXCEEDED',
    ];
    expect(result.errors.map((e) => e.code).sort()).toEqual(errors.sort());
    expect(result.errors.every((e) => e.severity === 'error')).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['VERIFICATION_REQUIRED', 'warning'],
      ['NEW_ACCOUNT_HIGH_VALUE', 'warning'],
      ['POSSIBLE_DUPLICATE_ORDER', 'warning'],
    ]);
    expect(result.errors.find((e) => e.code === 'QUANTITY_OUT_OF_RANGE')?.field).toBe('items.6.quantity');
    expect(result.errors.find((e) => e.code === 'ADDRESS_INCOMPLETE')?.field).toBe('shippingAddress.recipientName');
  });

  it('returns the problems that cannot share an order with those above, all at once too', () => {
    const bad = order({ items: [], paymentMethod: 'bitcoin', promoCode: 'NOPE' });
    expect(codes(validate(bad, { customer: null, promo: { found: false } }))).toEqual([
      'CUSTOMER_NOT_FOUND',
      'ORDER_EMPTY',
      'INVALID_PAYMENT_METHOD',
      'PROMO_NOT_FOUND',
    ]);
  });

  it('knows the 28 codes of docs/domain.md §3 (PROMO_NOT_STARTED and PROMO_EXPIRED share a row)', () => {
    expect(RULE_CODES).toHaveLength(28);
  });
});
