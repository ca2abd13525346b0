import { randomUUID } from 'node:crypto';
import type { PlaceOrder } from './load';

/**
 * Orderly through its HTTP API, as a shop's front end and its staff use it:
 * POST /v1/orders (answered once the order is validated and its stock
 * reserved), then POST /v1/orders/{id}/confirm as an admin. fetch keeps its
 * connections alive between requests.
 */
export interface Shop {
  productIds: string[];
  customerIds: string[];
}

/** The few fields of API answers the bench reads. */
type Answer = { id: string; code?: string; detail?: string; errors?: unknown };

/** A problem+json answer in a line: its code, what it says, the first few issues. */
const problem = (a: Answer) => `${a.code ?? ''} ${a.detail ?? ''} ${JSON.stringify(a.errors ?? '').slice(0, 300)}`.trim();

export function orderlyApi(apiUrls: string[], token: string) {
  async function http(method: string, path: string, body?: unknown, apiUrl = apiUrls[0]): Promise<{ status: number; json: Answer }> {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Answer };
  }

  async function created(path: string, body: unknown): Promise<string> {
    const res = await http('POST', path, body);
    if (res.status !== 201) throw new Error(`setup: POST ${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
    return res.json.id;
  }

  return {
    /** Customers and products of the bench's own, so a run never depends on what a shop already holds. */
    async customers(count: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await created('/v1/customers', { email: `bench-${randomUUID()}@example.ph`, name: 'Bench Buyer' }));
      return ids;
    },

    async products(count: number): Promise<string[]> {
      const ids: string[] = [];
      const sku = `BENCH-${randomUUID()}`;
      for (let i = 0; i < count; i++) ids.push(await created('/v1/products', { sku: `${sku}-${i}`, name: 'Bench item', priceCentavos: 1_000, stockOnHand: 1_000_000 }));
      return ids;
    },

    /** Order i: one unit of product i mod n for customer i mod m, created then confirmed. */
    placeOrder(shop: Shop): PlaceOrder {
      return async (i, dueAt) => {
        const apiUrl = apiUrls[i % apiUrls.length];
        const created = await http('POST', '/v1/orders', {
          customerId: shop.customerIds[i % shop.customerIds.length],
          items: [{ productId: shop.productIds[i % shop.productIds.length], quantity: 1 }],
          paymentMethod: 'gcash',
          shippingAddress: { recipientName: 'Bench', phone: '09171234567', line1: '1 Ayala Ave', barangay: 'Bel-Air', city: 'Makati City', province: 'Metro Manila', postalCode: '1209' },
        }, apiUrl);
        const createMs = performance.now() - dueAt;
        if (created.status !== 201) throw new Error(`create answered ${created.status}: ${problem(created.json)}`);
        const t1 = performance.now();
        const confirmed = await http('POST', `/v1/orders/${created.json.id}/confirm`, undefined, apiUrl);
        if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}: ${problem(confirmed.json)}`);
        return { createMs, confirmMs: performance.now() - t1 };
      };
    },
  };
}
