import { randomUUID } from 'node:crypto';
import { createOrderlyClient } from '../client';
import type { PlaceOrder } from './load';

/**
 * Orderly through its HTTP API, as a shop's front end and its staff use it,
 * with the typed client generated from docs/openapi.json (client/index.ts):
 * POST /v1/orders (answered once the order is validated and its stock
 * reserved), then POST /v1/orders/{id}/confirm as an admin. fetch keeps its
 * connections alive between requests.
 */
export interface Shop {
  productIds: string[];
  customerIds: string[];
}

/** The few fields of a problem+json answer the bench reports. */
type Problem = { code?: string; detail?: string; errors?: unknown };

/** A problem+json answer in a line: its code, what it says, the first few issues. */
const problem = (a: Problem | undefined) => `${a?.code ?? ''} ${a?.detail ?? ''} ${JSON.stringify(a?.errors ?? '').slice(0, 300)}`.trim();

export function orderlyApi(apiUrls: string[], token: string) {
  // Order i goes to API i mod n, so a production-shape run spreads over every API process.
  const apis = apiUrls.map((baseUrl) => createOrderlyClient({ baseUrl, token }));
  const api = apis[0]!;

  const setupFailed = (what: string, res: Response, error: unknown) => new Error(`setup: POST ${what} answered ${res.status}: ${JSON.stringify(error)}`);

  return {
    /** Customers and products of the bench's own, so a run never depends on what a shop already holds. */
    async customers(count: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const { data, error, response } = await api.POST('/v1/customers', { body: { email: `bench-${randomUUID()}@example.ph`, name: 'Bench Buyer' } });
        if (!data) throw setupFailed('/v1/customers', response, error);
        ids.push(data.id);
      }
      return ids;
    },

    async products(count: number): Promise<string[]> {
      const ids: string[] = [];
      const sku = `BENCH-${randomUUID()}`;
      for (let i = 0; i < count; i++) {
        const { data, error, response } = await api.POST('/v1/products', { body: { sku: `${sku}-${i}`, name: 'Bench item', priceCentavos: 1_000, stockOnHand: 1_000_000 } });
        if (!data) throw setupFailed('/v1/products', response, error);
        ids.push(data.id);
      }
      return ids;
    },

    /** Order i: one unit of product i mod n for customer i mod m, created then confirmed. */
    placeOrder(shop: Shop): PlaceOrder {
      return async (i, dueAt) => {
        const api = apis[i % apis.length]!;
        const created = await api.POST('/v1/orders', {
          body: {
            customerId: shop.customerIds[i % shop.customerIds.length],
            items: [{ productId: shop.productIds[i % shop.productIds.length]!, quantity: 1 }],
            paymentMethod: 'cod', // staff-confirmed, like the ceiling: an online method would add the gateway's round trips
            shippingAddress: { recipientName: 'Bench', phone: '09171234567', line1: '1 Ayala Ave', barangay: 'Bel-Air', city: 'Makati City', province: 'Metro Manila', postalCode: '1209' },
          },
        });
        const createMs = performance.now() - dueAt;
        if (!created.data) throw new Error(`create answered ${created.response.status}: ${problem(created.error)}`);
        const t1 = performance.now();
        const confirmed = await api.POST('/v1/orders/{id}/confirm', { params: { path: { id: created.data.id } } });
        if (!confirmed.data) throw new Error(`confirm answered ${confirmed.response.status}: ${problem(confirmed.error)}`);
        return { createMs, confirmMs: performance.now() - t1 };
      };
    },
  };
}
