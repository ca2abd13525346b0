import { randomUUID } from 'node:crypto';
import { mintToken } from '../../lib/tokens';
import { ADDRESS } from './address';
import { reply } from './api';
import { JWT_SECRET, type Stack } from './stack';

export { ADDRESS };
export type { Reply } from './api';


/**
 * A request straight to fastify's inject, around the typed client: only for
 * what the client cannot send (hostile or malformed input, unknown routes,
 * raw bodies; docs/api.md "Testing against the document"). Everything else
 * goes through `stack.api(token)` (test/support/api.ts).
 */
export async function rawCall(
  stack: Stack,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const res = await stack.app.inject({
    method,
    url,
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers };
}

export const customerToken = (customerId: string) => mintToken(JWT_SECRET, customerId, 'customer');

export async function createCustomer(stack: Stack, overrides: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const res = await reply(stack.api(stack.adminToken).POST('/v1/customers', { body: { email: `c-${randomUUID()}@example.ph`, name: 'Maria Clara', phone: '09181234567', ...overrides } }));
  if (res.status !== 201) throw new Error(`customer: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, token: customerToken(res.body.id) };
}

export async function createProduct(stack: Stack, overrides: { priceCentavos?: number; stockOnHand?: number; status?: 'active' | 'inactive' | 'discontinued' } = {}): Promise<string> {
  const res = await reply(stack.api(stack.adminToken).POST('/v1/products', { body: { sku: `SKU-${randomUUID()}`, name: 'Dried Mangoes', priceCentavos: 10_000, stockOnHand: 100, ...overrides } }));
  if (res.status !== 201) throw new Error(`product: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export function orderBody(items: { productId: string; quantity: number }[], overrides: Record<string, unknown> = {}) {
  return { items, paymentMethod: 'gcash', shippingAddress: ADDRESS, ...overrides };
}

/** A customer's order of one unit of a new product (GCash, with no gateway in the stack), answered 201 and pending. */
export async function placePendingOrder(stack: Stack, product: { stockOnHand?: number } = {}): Promise<{ id: string; productId: string }> {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, product);
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
  expect(created.status).toBe(201);
  return { id: created.body.id as string, productId };
}

export async function product(stack: Stack, id: string) {
  return (await reply(stack.api(stack.adminToken).GET('/v1/products/{id}', { params: { path: { id } } }))).body;
}

export { eventually } from './eventually';
