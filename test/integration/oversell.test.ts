import { createCustomer, createProduct, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

it('reserves exactly 50 units when 200 orders race for 50 on MariaDB', async () => {
  const productId = await createProduct(stack, { stockOnHand: 50, priceCentavos: 5_000 });
  const customers = await Promise.all(Array.from({ length: 20 }, () => createCustomer(stack)));
  const replies = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      reply(stack.api(customers[i % 20].token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) })),
    ),
  );
  const created = replies.filter((r) => r.status === 201);
  const rejected = replies.filter((r) => r.status === 422);
  expect(created).toHaveLength(50);
  expect(rejected).toHaveLength(150);
  for (const r of rejected) expect(r.body.errors.map((e: { code: string }) => e.code)).toContain('INSUFFICIENT_STOCK');
  expect(await product(stack, productId)).toMatchObject({ stockOnHand: 50, stockReserved: 50, stockAvailable: 0 });
  const held = await stack.db('reservations').where({ product_id: productId, status: 'active' }).sum({ q: 'quantity' }).first();
  expect(Number(held?.q)).toBe(50);
  const moves = await stack.db('inventory_movements').where({ product_id: productId, kind: 'reserve' }).count({ n: '*' }).first();
  expect(Number(moves?.n)).toBe(50);
}, 300_000);
