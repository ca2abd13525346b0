import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './orderly-api';

/**
 * A typed client for the Orderly API: openapi-fetch over the types that
 * openapi-typescript generates from docs/openapi.json (`npm run api:client`).
 * Every method, path, parameter, body and answer is checked by the compiler
 * against the document the API serves:
 *
 *   const api = createOrderlyClient({ baseUrl: 'https://orders.example.ph', token });
 *   const { data, error, response } = await api.POST('/v1/orders', { body, headers: { 'idempotency-key': key } });
 *
 * `data` is the success body, `error` the problem+json body; `response` the raw Response.
 */
export type OrderlyClient = Client<paths>;
export type Schemas = components['schemas'];
export type Operations = operations;
export type { paths };

export function createOrderlyClient(opts: { baseUrl: string; token?: string } & Omit<ClientOptions, 'baseUrl'>): OrderlyClient {
  const { token, headers, ...rest } = opts;
  return createClient<paths>({ ...rest, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string> | undefined) } });
}
