import { randomUUID } from 'node:crypto';
import { api, act, adminToken, apiUrls, createCustomer, createProduct, placeOrder, stockOf } from '../support/stack-shape';
import { reply } from '../support/api';

const [api1, api2] = apiUrls();

describe('orders on the production shape, over HTTP to two API processes', () => {
  it('takes an order from creation to delivery with each step sent to either API', async () => {
    const customer = await createCustomer(api1);
    const productId = await createProduct(api2, 10);

    const created = await placeOrder(api1, customer, productId, 3);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    expect(await stockOf(api2, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 3 });

    const id = created.body.id;
    const confirmed = await act(api2, id, 'confirm');
    expect([confirmed.status, confirmed.body.status]).toEqual([200, 'confirmed']);
    expect(await stockOf(api1, productId)).toMatchObject({ stockOnHand: 7, stockReserved: 0 });

    const shipped = await act(api1, id, 'ship', { carrier: 'LBC', trackingNumber: 'LBC-123' });
    expect([shipped.status, shipped.body.status]).toEqual([200, 'shipped']);
    const delivered = await act(api2, id, 'deliver');
    expect([delivered.status, delivered.body.status]).toEqual([200, 'delivered']);

    const fetched = await reply(api(api1, customer.token).GET('/v1/orders/{id}', { params: { path: { id } } }));
    expect(fetched.body.history.map((h: { to: string }) => h.to)).toEqual(['pending', 'confirmed', 'shipped', 'delivered']);
  });

  it('keeps one order when the same Idempotency-Key reaches both APIs at once', async () => {
    const customer = await createCustomer(api1);
    const productId = await createProduct(api1, 10);
    const key = randomUUID();

    const answers = await Promise.all([placeOrder(api1, customer, productId, 2, key), placeOrder(api2, customer, productId, 2, key), placeOrder(api1, customer, productId, 2, key)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await stockOf(api2, productId)).toMatchObject({ stockReserved: 2 });
    const listed = await reply(api(api2, adminToken()).GET('/v1/orders', { params: { query: { customerId: customer.id } } }));
    expect(listed.body.data).toHaveLength(1);
  });

  it('never sells more than the stock when 40 orders for 10 units arrive over both APIs', async () => {
    const productId = await createProduct(api1, 10);
    const customers = await Promise.all(Array.from({ length: 8 }, () => createCustomer(api2)));

    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => placeOrder(i % 2 ? api2 : api1, customers[i % customers.length], productId, 1)));
    const created = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 422);
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(30);
    for (const r of refused) expect(r.body.errors.map((e: { code: string }) => e.code)).toContain('INSUFFICIENT_STOCK');
    expect(await stockOf(api1, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 10 });
  });
});
