import { createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

/** What happens to a product after the order was validated and before its stock is reserved. */
const between = new Map<string, Record<string, unknown>>();

// The product status is re-checked by the reservation itself: run on both dialects.
describe.each([
  ['MariaDB', false],
  ['SQLite', true],
])('a product changing between validation and reservation on %s', (_dialect, sqlite) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      sqlite,
      wrapActivities: (a) => ({
        ...a,
        createOrder: async (input) => {
          for (const line of input.validation.lines) {
            const change = between.get(line.productId);
            if (change) await stack.db('products').where({ id: line.productId }).update(change);
          }
          return a.createOrder(input);
        },
      }),
    });
  });
  afterAll(() => stack.close());

  const rejectedCodes = async (productId: string, change: Record<string, unknown>) => {
    between.set(productId, change);
    const customer = await createCustomer(stack);
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }]) }));
    expect(res.status).toBe(422);
    return res.body.errors as { code: string; field: string; message: string }[];
  };

  it('reports PRODUCT_UNAVAILABLE, not INSUFFICIENT_STOCK, for a product made inactive, reserving nothing', async () => {
    const productId = await createProduct(stack, { stockOnHand: 10 });
    const errors = await rejectedCodes(productId, { status: 'inactive' });
    expect(errors).toEqual([expect.objectContaining({ code: 'PRODUCT_UNAVAILABLE', field: 'items.0.productId', message: 'Dried Mangoes is inactive' })]);
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 0 });
  });

  it('still reports INSUFFICIENT_STOCK for an active product whose stock ran out', async () => {
    const productId = await createProduct(stack, { stockOnHand: 10 });
    const errors = await rejectedCodes(productId, { stock_on_hand: 1 });
    expect(errors).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_STOCK', field: 'items.0.quantity', message: 'Only 1 of Dried Mangoes available' })]);
  });
});
