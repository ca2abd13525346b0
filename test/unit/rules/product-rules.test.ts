import { catalogue, codes, order, product, validate } from './context-builder';

describe('product rules', () => {
  it('rejects an unknown product with PRODUCT_NOT_FOUND on its line', () => {
    const result = validate(order({ items: [{ productId: 'p-1', quantity: 1 }, { productId: 'ghost', quantity: 1 }] }));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'PRODUCT_NOT_FOUND', field: 'items.1.productId' })]);
  });

  it.each(['inactive', 'discontinued'])('rejects a product that is %s with PRODUCT_UNAVAILABLE', (status) => {
    const result = validate(order(), { products: catalogue(product({ status })) });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'PRODUCT_UNAVAILABLE', field: 'items.0.productId' })]);
  });

  it('rejects a quantity above the available stock with INSUFFICIENT_STOCK and accepts exactly the available stock', () => {
    const scarce = { products: catalogue(product({ available: 2 })) };
    expect(validate(order({ items: [{ productId: 'p-1', quantity: 3 }] }), scarce).errors).toEqual([
      expect.objectContaining({ code: 'INSUFFICIENT_STOCK', field: 'items.0.quantity' }),
    ]);
    expect(codes(validate(order({ items: [{ productId: 'p-1', quantity: 2 }] }), scarce))).toEqual([]);
  });
});
