import { catalogue, codes, order, product, validate } from './context-builder';

describe('amount rules', () => {
  // One line of 100.00 to Metro Manila: 100.00 + 100.00 shipping.
  it('rejects an expectedTotalCentavos that differs from the computed total with AMOUNT_MISMATCH', () => {
    const result = validate(order({ expectedTotalCentavos: 19_999 }));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'AMOUNT_MISMATCH', field: 'expectedTotalCentavos' })]);
  });

  it('accepts an expectedTotalCentavos equal to the computed total', () => {
    const result = validate(order({ expectedTotalCentavos: 20_000 }));
    expect(result.totals.totalCentavos).toBe(20_000);
    expect(codes(result)).toEqual([]);
  });

  it('rejects a total above 1,000,000.00 with ORDER_TOTAL_LIMIT and accepts exactly 1,000,000.00', () => {
    const hundred = (price: number) => [order({ items: [{ productId: 'p-1', quantity: 100 }] }), { products: catalogue(product({ priceCentavos: price })) }] as const;
    expect(validate(...hundred(1_000_001)).errors).toEqual([expect.objectContaining({ code: 'ORDER_TOTAL_LIMIT' })]);
    const atLimit = validate(...hundred(1_000_000));
    expect(atLimit.totals.totalCentavos).toBe(100_000_000);
    expect(codes(atLimit)).toEqual([]);
  });
});
