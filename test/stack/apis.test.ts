import { randomUUID } from 'node:crypto';
import { api, adminToken, apiUrls, createCustomer, createProduct, eventually, placeOrder, startPart, stockOf, stopPart } from '../support/stack-shape';
import { reply } from '../support/api';

const [api1, api2] = apiUrls();

describe('two API processes behind one address', () => {
  it('keep taking orders on one while the other is stopped, and a retry on the other finds the same order', async () => {
    const customer = await createCustomer(api1);
    const productId = await createProduct(api1, 20);
    const key = randomUUID();
    // The request and the stop race: whatever API 2 answered (or not), the client's retry on API 1 must find one order.
    const [first] = await Promise.all([placeOrder(api2, customer, productId, 1, key).catch(() => null), stopPart('api-2')]);
    try {
      await expect(fetch(`${api2}/healthz`)).rejects.toThrow();
      const retried = await placeOrder(api1, customer, productId, 1, key);
      expect(retried.status).toBe(201);
      if (first?.status === 201) expect(retried.body.id).toBe(first.body.id);

      const more = await Promise.all(Array.from({ length: 4 }, () => placeOrder(api1, customer, productId)));
      expect(more.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      const listed = await reply(api(api1, adminToken()).GET('/v1/orders', { params: { query: { customerId: customer.id } } }));
      expect(listed.body.data).toHaveLength(5);
      expect(await stockOf(api1, productId)).toMatchObject({ stockReserved: 5 });
    } finally {
      await startPart('api', 1);
    }
    // Started again, API 2 sees what API 1 took.
    const listed = await reply(api(api2, adminToken()).GET('/v1/orders', { params: { query: { customerId: customer.id } } }));
    expect(listed.body.data).toHaveLength(5);
  });

  it('expire an unconfirmed order and release its stock (an API with a short RESERVATION_TTL_SECONDS)', async () => {
    // The reservation's lifetime comes from the API that took the order; this one holds it 5 s.
    await stopPart('api-2');
    await startPart('api', 1, { RESERVATION_TTL_SECONDS: '5' });
    try {
      const customer = await createCustomer(api2);
      const productId = await createProduct(api2, 5);
      const created = await placeOrder(api2, customer, productId, 2);
      expect([created.status, created.body.status]).toEqual([201, 'pending']);
      expect(await stockOf(api1, productId)).toMatchObject({ stockOnHand: 5, stockReserved: 2 });

      const expired = await eventually(async () => {
        const order = await reply(api(api1, adminToken()).GET('/v1/orders/{id}', { params: { path: { id: created.body.id } } }));
        expect(order.body.status).toBe('expired');
        return order.body;
      });
      expect(expired.history.map((h: { to: string }) => h.to)).toEqual(['pending', 'expired']);
      expect(await stockOf(api1, productId)).toMatchObject({ stockOnHand: 5, stockReserved: 0 });
    } finally {
      await stopPart('api-2');
      await startPart('api', 1);
    }
  });
});
