import { DEFAULT_RULES } from '../../../domain/rules-config';
import { catalogue, codes, order, product, validate } from './context-builder';

const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ productId: `p-${i}`, quantity: 1 }));
const products = (n: number) => catalogue(...Array.from({ length: n }, (_, i) => product({ id: `p-${i}` })));

describe('item rules', () => {
  it('rejects an order with no items with ORDER_EMPTY', () => {
    expect(validate(order({ items: [] })).errors).toEqual([expect.objectContaining({ code: 'ORDER_EMPTY', field: 'items' })]);
  });

  it('rejects 51 line items with TOO_MANY_ITEMS and accepts 50', () => {
    expect(DEFAULT_RULES.maxLineItems).toBe(50);
    expect(codes(validate(order({ items: lines(51) }), { products: products(51) }))).toEqual(['TOO_MANY_ITEMS']);
    expect(codes(validate(order({ items: lines(50) }), { products: products(50) }))).toEqual([]);
  });

  it('takes the line limit from the configuration', () => {
    const rules = { ...DEFAULT_RULES, maxLineItems: 2 };
    expect(codes(validate(order({ items: lines(3) }), { products: products(3), rules }))).toEqual(['TOO_MANY_ITEMS']);
  });

  it('rejects the same product on two lines with DUPLICATE_ITEM on the second line', () => {
    const result = validate(order({ items: [{ productId: 'p-1', quantity: 1 }, { productId: 'p-1', quantity: 2 }] }));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'DUPLICATE_ITEM', field: 'items.1.productId' })]);
  });

  it.each([0, -1, 101, 1.5, Number.NaN])('rejects a quantity of %p with QUANTITY_OUT_OF_RANGE', (quantity) => {
    const result = validate(order({ items: [{ productId: 'p-1', quantity }] }), { products: catalogue(product({ available: 1_000 })) });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'QUANTITY_OUT_OF_RANGE', field: 'items.0.quantity' })]);
  });

  it.each([1, 100])('accepts a quantity of %p', (quantity) => {
    expect(codes(validate(order({ items: [{ productId: 'p-1', quantity }] }), { products: catalogue(product({ available: 1_000 })) }))).toEqual([]);
  });
});
