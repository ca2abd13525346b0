import { seedDemo } from '../../lib/demo-catalogue';
import { auditInventory } from '../../store/audit-inventory';
import { reply } from '../support/api';
import { startStack, type Stack } from '../support/stack';

/** npm start seeds the embedded SQLite database: a fresh file each time here, so "only into an empty database" is tested as it runs. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sqlite: true, worker: false });
});
afterAll(() => stack.close());

const admin = () => stack.api(stack.adminToken);

it('seeds five products whose opening stock is each one restock in the ledger, and a customer old enough not to be held', async () => {
  const seeded = await seedDemo(stack.db);

  const customer = await reply(admin().GET('/v1/customers/{id}', { params: { path: { id: seeded!.customerId } } }));
  expect(customer.body).toMatchObject({ email: 'juan@example.ph', phone: '+639171234567', status: 'active', trusted: false });
  expect(Date.now() - Date.parse(customer.body.createdAt)).toBeGreaterThan(29 * 86_400_000);

  const products = (await reply(admin().GET('/v1/products'))).body.data;
  expect(products.map((p: { sku: string; stockOnHand: number }) => [p.sku, p.stockOnHand])).toEqual([
    ['ABACA-BAG', 40],
    ['COFFEE-BARAKO-500', 200],
    ['DRIED-MANGO-200', 500],
    ['PILI-NUTS-250', 150],
    ['TABLEA-12', 8],
  ]);
  for (const p of products) {
    const ledger = (await reply(admin().GET('/v1/products/{id}/movements', { params: { path: { id: p.id } } }))).body.data;
    expect(ledger).toEqual([expect.objectContaining({ kind: 'restock', deltaOnHand: p.stockOnHand, reason: 'opening stock', actor: { type: 'system', id: 'demo-seed' } })]);
  }
  expect((await auditInventory(stack.db)).violations).toEqual([]);
});

it('seeds nothing the second time and answers with the same customer', async () => {
  const first = await seedDemo(stack.db);
  const again = await seedDemo(stack.db);
  expect(again).toEqual(first);
  expect((await reply(admin().GET('/v1/products'))).body.data).toHaveLength(5);
  expect((await reply(admin().GET('/v1/customers'))).body.data).toHaveLength(1);
});
