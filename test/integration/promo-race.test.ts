import { createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { codesOf, createPromo, promo } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('promo limits under concurrency on MariaDB', () => {
  it('redeems a promo limited to 5 uses exactly 5 times when 20 customers order at once', async () => {
    const { id, code } = await createPromo(stack, { usageLimit: 5 });
    const productId = await createProduct(stack, { stockOnHand: 100 });
    const customers = await Promise.all(Array.from({ length: 20 }, () => createCustomer(stack)));
    const replies = await Promise.all(
      customers.map((c) => reply(stack.api(c.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { promoCode: code.toLowerCase() }) }))),
    );

    const created = replies.filter((r) => r.status === 201);
    const rejected = replies.filter((r) => r.status === 422);
    expect(created).toHaveLength(5);
    expect(rejected).toHaveLength(15);
    for (const r of rejected) expect(codesOf(r)).toEqual(['PROMO_USAGE_LIMIT_REACHED']);
    expect((await promo(stack, id)).redemptionsCount).toBe(5);
    const redeemed = await stack.db('promo_redemptions').where({ promo_id: id, status: 'active' }).pluck('order_id');
    expect(redeemed.sort()).toEqual(created.map((r) => r.body.id).sort());
    // Orders turned away while reserving rolled their stock back.
    expect(await product(stack, productId)).toMatchObject({ stockReserved: 5 });
    await eventually(async () => {
      const rows = await stack.db('order_rejections').whereIn('customer_id', customers.map((c) => c.id)).pluck('codes');
      expect(rows).toEqual(Array(15).fill('PROMO_USAGE_LIMIT_REACHED'));
    });
  }, 300_000);

  it('redeems a once-per-customer promo once when one customer sends 5 orders at once', async () => {
    const { id, code } = await createPromo(stack, { perCustomerLimit: 1 });
    const productId = await createProduct(stack, { stockOnHand: 100 });
    const customer = await createCustomer(stack);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { promoCode: code }) }))),
    );

    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    const rejected = replies.filter((r) => r.status === 422);
    expect(rejected).toHaveLength(4);
    for (const r of rejected) expect(codesOf(r)).toEqual(['PROMO_CUSTOMER_LIMIT_REACHED']);
    expect((await promo(stack, id)).redemptionsCount).toBe(1);
    expect(await stack.db('promo_customer_usage').where({ promo_id: id, customer_id: customer.id }).first()).toMatchObject({ used: 1 });
    expect(await product(stack, productId)).toMatchObject({ stockReserved: 1 });
  }, 300_000);
});
