import { PAYMENT_METHODS } from '../../../domain/payment';
import { catalogue, codes, customer, order, product, validate } from './context-builder';

/** Two of a product at this price: free shipping, so the total is exactly twice the price. */
const twoAt = (price: number, paymentMethod: string) =>
  [order({ items: [{ productId: 'p-1', quantity: 2 }], paymentMethod }), { products: catalogue(product({ priceCentavos: price })), customer: customer({ trusted: true }) }] as const;

describe('payment rules', () => {
  it.each(['bitcoin', '', 'COD', 'paypal'])('rejects the payment method %p with INVALID_PAYMENT_METHOD', (paymentMethod) => {
    expect(validate(order({ paymentMethod })).errors).toEqual([expect.objectContaining({ code: 'INVALID_PAYMENT_METHOD', field: 'paymentMethod' })]);
  });

  it.each([...PAYMENT_METHODS])('accepts %s', (paymentMethod) => {
    expect(codes(validate(order({ paymentMethod })))).toEqual([]);
  });

  it('rejects cash on delivery above 100,000.00 with COD_LIMIT_EXCEEDED and accepts exactly 100,000.00', () => {
    expect(validate(...twoAt(5_000_001, 'cod')).errors).toEqual([expect.objectContaining({ code: 'COD_LIMIT_EXCEEDED', field: 'paymentMethod' })]);
    expect(codes(validate(...twoAt(5_000_000, 'cod')))).toEqual([]);
  });

  it('does not limit other payment methods to the cash-on-delivery limit', () => {
    expect(codes(validate(...twoAt(5_000_001, 'card')))).toEqual([]);
  });
});
