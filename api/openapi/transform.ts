import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type RouteDoc = Parameters<typeof jsonSchemaTransform>[0];
type ResponseWithHeaders = Record<string, { headers?: unknown } | undefined>;

/**
 * The zod transform of each route for @fastify/swagger, plus two rules of ours:
 * the admin console (/admin) is pages for staff, never part of the document,
 * whatever its routes say; and response headers declared by operation()
 * (Link, Retry-After, ETag…) survive, which the zod transform drops.
 */
export function documentTransform(route: RouteDoc): ReturnType<typeof jsonSchemaTransform> {
  if (route.url.startsWith('/admin')) return { schema: { hide: true }, url: route.url };
  const out = jsonSchemaTransform(route);
  const declared = (route.schema as { response?: ResponseWithHeaders } | undefined)?.response;
  const transformed = (out.schema as { response?: ResponseWithHeaders }).response;
  if (!declared || !transformed) return out;
  for (const [status, response] of Object.entries(declared)) {
    if (response?.headers && transformed[status]) transformed[status].headers = response.headers;
  }
  return out;
}
