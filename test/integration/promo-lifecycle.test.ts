import { createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { codesOf, createPromo, promo, redemptionOf } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const usageOf = async (promoId: string, customerId: string) =>
  Number((await stack.db('promo_customer_usage').where({ promo_id: promoId, customer_id: customerId }).first())?.used ?? 0);

describe('a promo through an order’s life', () => {
  // Two of 500.00 to Metro Manila: subtotal 1,000.00, below free shipping, 100.00 shipping.
  it.each([
    ['10 % capped at 75.00', { kind: 'percent', value: 10, maxDiscountCentavos: 7_500 }, { discountCentavos: 7_500, shippingFeeCentavos: 10_000, totalCentavos: 102_500, vatCentavos: 10_982 }],
    ['250.00 off', { kind: 'fixed', value: 25_000 }, { discountCentavos: 25_000, shippingFeeCentavos: 10_000, totalCentavos: 85_000, vatCentavos: 9_107 }],
    ['free shipping', { kind: 'free_shipping' }, { discountCentavos: 0, shippingFeeCentavos: 0, totalCentavos: 100_000, vatCentavos: 10_714 }],
  ])('puts the discount of a %s promo on the order', async (_, terms, totals) => {
    const { id, code } = await createPromo(stack, terms);
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { priceCentavos: 50_000 });
    const body = orderBody([{ productId, quantity: 2 }], { promoCode: ` ${code.toLowerCase()} `, expectedTotalCentavos: totals.totalCentavos });
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ subtotalCentavos: 100_000, promoCode: code, ...totals });
    expect(await redemptionOf(stack, created.body.id)).toMatchObject({ status: 'active', discount_centavos: totals.discountCentavos });
    expect((await promo(stack, id)).redemptionsCount).toBe(1);
  });

  it('makes the redemption final when the order is confirmed', async () => {
    const { id, code } = await createPromo(stack, { usageLimit: 10 });
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { promoCode: code }) }));
    const confirmed = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }));
    expect(confirmed.body.status).toBe('confirmed');
    expect(await redemptionOf(stack, created.body.id)).toMatchObject({ status: 'final' });
    expect((await promo(stack, id)).redemptionsCount).toBe(1);
    expect(await usageOf(id, customer.id)).toBe(1);
  });

  it('releases the redemption when the customer cancels, so the code can be used again', async () => {
    const { id, code } = await createPromo(stack, { usageLimit: 1, perCustomerLimit: 1 });
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const body = orderBody([{ productId, quantity: 1 }], { promoCode: code });
    const first = await reply(stack.api(customer.token).POST('/v1/orders', { body }));
    const cancelled = await reply(stack.api(customer.token).POST('/v1/orders/{id}/cancel', { params: { path: { id: first.body.id } }, body: { reason: 'wrong size' } }));
    expect(cancelled.body.status).toBe('cancelled');
    expect(await redemptionOf(stack, first.body.id)).toMatchObject({ status: 'released' });
    expect((await promo(stack, id)).redemptionsCount).toBe(0);
    expect(await usageOf(id, customer.id)).toBe(0);

    const again = await reply(stack.api(customer.token).POST('/v1/orders', { body }));
    expect(again.status).toBe(201);
    expect(again.body.discountCentavos).toBe(1_000);
  });

  it('releases a final redemption when an admin cancels the confirmed order', async () => {
    const { id, code } = await createPromo(stack);
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { promoCode: code }) }));
    await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: created.body.id } } }));
    const cancelled = await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/cancel', { params: { path: { id: created.body.id } }, body: { reason: 'out of stock at the warehouse' } }));
    expect(cancelled.body.status).toBe('cancelled');
    expect(await redemptionOf(stack, created.body.id)).toMatchObject({ status: 'released' });
    expect((await promo(stack, id)).redemptionsCount).toBe(0);
  });

  it('redeems nothing and reserves nothing for a rejected order', async () => {
    const { id, code } = await createPromo(stack);
    const customer = await createCustomer(stack);
    const plenty = await createProduct(stack, { stockOnHand: 10 });
    const scarce = await createProduct(stack, { stockOnHand: 1 });
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId: plenty, quantity: 1 }, { productId: scarce, quantity: 2 }], { promoCode: code }) }));
    expect(res.status).toBe(422);
    expect(codesOf(res)).toEqual(['INSUFFICIENT_STOCK']);
    expect((await promo(stack, id)).redemptionsCount).toBe(0);
    expect(await stack.db('promo_redemptions').where({ promo_id: id }).first()).toBeUndefined();
    expect(await usageOf(id, customer.id)).toBe(0);
    expect((await product(stack, plenty)).stockReserved).toBe(0);
    expect((await product(stack, scarce)).stockReserved).toBe(0);
    expect(await stack.db('orders').where({ customer_id: customer.id }).first()).toBeUndefined();
  });
});
