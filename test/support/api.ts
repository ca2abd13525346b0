import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'openapi-fetch';
import type { App } from '../../api/context';
import { createOrderlyClient, type OrderlyClient } from '../../client';

/**
 * The typed client (client/index.ts, generated from docs/openapi.json) as
 * the tests and the bench use it: over fastify's inject (no socket) or over
 * real HTTP, and checking every answer against the document.
 */
type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
let doc: Doc | undefined;
const documentOnDisk = (): Doc => (doc ??= JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8')) as Doc);

/**
 * Fails the call when the API answers with a status its document does not
 * declare for that operation, so every test run checks the document. A 500
 * is a bug the test reports itself; 413 and 415 are transport refusals
 * documented once for all routes.
 */
export const declaredAnswersOnly: Middleware = {
  onResponse({ request, response, schemaPath }) {
    if ([413, 415, 500].includes(response.status)) return undefined;
    const operation = documentOnDisk().paths[schemaPath]?.[request.method.toLowerCase()];
    if (!operation) throw new Error(`${request.method} ${schemaPath} is not in docs/openapi.json`);
    if (!operation.responses[String(response.status)]) {
      throw new Error(`${request.method} ${schemaPath} answered ${response.status}, which docs/openapi.json does not declare for it`);
    }
    return undefined;
  },
};

/** A fetch that hands the request to fastify's inject: the whole app, its hooks and serializers, without a socket. */
export function injectFetch(app: App): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const res = await app.inject({
      method: request.method as 'GET',
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers.entries()),
      ...(body ? { payload: body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
    }
    return new Response(res.statusCode === 204 ? null : res.rawPayload, { status: res.statusCode, headers });
  };
}

/** The typed client on this app, as the holder of `token` (none: an anonymous caller). */
export function apiOf(app: App, token?: string, headers?: Record<string, string>): OrderlyClient {
  const client = createOrderlyClient({ baseUrl: 'http://orderly.test', token, headers, fetch: injectFetch(app) });
  client.use(declaredAnswersOnly);
  return client;
}

/** The typed client over real HTTP (the stack and fault tiers, the bench). */
export function httpApi(baseUrl: string, token?: string, headers?: Record<string, string>): OrderlyClient {
  const client = createOrderlyClient({ baseUrl, token, headers });
  client.use(declaredAnswersOnly);
  return client;
}

/** The shape the tests assert on: status, the body (success or problem), headers. */
export interface Reply {
  status: number;
  body: any;
  headers: Record<string, string>;
}

/** Awaits a typed call and gives its answer as a Reply. */
export async function reply(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Reply> {
  const { data, error, response } = await call;
  return { status: response.status, body: data ?? error ?? null, headers: Object.fromEntries(response.headers.entries()) };
}

/** The actions a person can ask of an order (one route each: POST /v1/orders/{id}/<action>). */
export type OrderActionName = 'verify' | 'confirm' | 'processing' | 'ship' | 'deliver' | 'cancel';

/** POST /v1/orders/{id}/<action> through the typed client, for tests that walk the status table. */
export function act(api: OrderlyClient, id: string, action: OrderActionName, body?: { reason?: string; carrier?: string; trackingNumber?: string } | null, headers?: Record<string, string>): Promise<Reply> {
  // One path per action in the document; their parameters and bodies share one shape, so the ship route's type stands for all.
  const path = `/v1/orders/{id}/${action}` as '/v1/orders/{id}/ship';
  return reply(api.POST(path, { params: { path: { id } }, body: (body ?? undefined) as { carrier: string; trackingNumber: string }, headers }));
}
