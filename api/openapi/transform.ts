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

type BodySchema = { type?: string; anyOf?: BodySchema[] };
type Operation = { requestBody?: { required?: boolean; content?: Record<string, { schema?: BodySchema }> } };

/**
 * A body schema that accepts null (the order actions' optional `{ reason }`)
 * means the body may be left out: @fastify/swagger marks every body required,
 * so say `required: false` and document the object alone.
 */
export function optionalBodies<T extends object>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const operation of Object.values(paths).flatMap((item) => Object.values(item))) {
    const media = operation.requestBody?.content?.['application/json'];
    const alternatives = media?.schema?.anyOf;
    if (!media || !alternatives?.some((s) => s.type === 'null')) continue;
    const rest = alternatives.filter((s) => s.type !== 'null');
    if (rest.length !== 1) continue;
    media.schema = rest[0];
    operation.requestBody!.required = false;
  }
  return document;
}
