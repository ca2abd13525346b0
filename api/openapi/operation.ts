import type { z } from 'zod';
import type { ApiCode } from '../../domain/error-codes';
import { statusOf } from '../problem';
import { problemSchema } from './problem-schema';

/** The document's tags: one per area a shop's developer looks for. Add one here (with its description in api/app.ts). */
export type Tag = 'orders' | 'payments' | 'returns' | 'catalogue' | 'promos' | 'operations' | 'webhooks' | 'service';

/**
 * Who may call: `public` needs no token (the document says `security: []`);
 * `customer` takes any valid bearer token (customers and staff); `admin` only
 * a staff token. The route's `config.admin` must agree (api/auth.ts).
 */
export type Access = 'public' | 'customer' | 'admin';

const BEARER = [{ bearer: [] as string[] }];

/** Response headers as the document lists them (kept by documentTransform in api/openapi/transform.ts). */
export type ResponseHeaders = Record<string, { type: 'string'; description: string }>;
const RETRY_AFTER = { type: 'string' as const, description: 'Whole seconds to wait before sending the same request again' };
/** The ETag of an order or a product (api/etag.ts). */
export const ETAG_HEADERS: ResponseHeaders = { etag: { type: 'string', description: 'The version you read: send it back as If-Match to change it only if nobody did meanwhile' } };
/** The headers of a page of a list (api/schemas/page.ts pageHeaders). */
export const PAGE_HEADERS: ResponseHeaders = { link: { type: 'string', description: '`<url>; rel="next"` while there is a next page' } };
/** PAGE_HEADERS, plus those a request with the deprecated offset gets. */
export const OFFSET_PAGE_HEADERS: ResponseHeaders = {
  ...PAGE_HEADERS,
  deprecation: { type: 'string', description: 'Sent when `offset` was used: it is deprecated (RFC 9745, @unix-seconds)' },
  sunset: { type: 'string', description: 'Sent when `offset` was used: the date it stops being honoured (RFC 8594)' },
};
const WHEN: Partial<Record<ApiCode, string>> = {
  VALIDATION_ERROR: 'the request is malformed or breaks its schema; `errors` names each field',
  UNAUTHENTICATED: 'no bearer token, or a bad or expired one',
  FORBIDDEN: 'the token is not a staff token',
  RATE_LIMITED: 'too many requests from this client; wait Retry-After seconds',
  UNAVAILABLE: 'the database or Temporal is unreachable; resend after Retry-After',
  PRECONDITION_FAILED: 'If-Match does not match the current ETag: someone changed it since you read it',
};

export interface OperationSpec<Ok extends z.ZodType> {
  /** Stable, verb + noun in camelCase (getOrder, confirmOrder, listProducts): client method names are built from it. */
  operationId: string;
  /** One line, what a shop's developer scans for in a list. */
  summary: string;
  description?: string;
  tags: Tag[];
  access: Access;
  /** The success answer: its status (200 unless said), schema and description. */
  ok: { status?: 200 | 201; schema: Ok; description: string; mediaType?: string; headers?: ResponseHeaders };
  /**
   * Every problem code the operation can answer besides the ones its access
   * implies (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, UNAVAILABLE are added).
   * Each becomes a problem+json response at the code's status (statusOf).
   */
  problems?: ApiCode[];
  /** Not rate limited and no database (probes): no automatic RATE_LIMITED/UNAVAILABLE. */
  probe?: boolean;
  deprecated?: boolean;
}

/**
 * The documentation half of a route's `schema`: operationId, summary, tags,
 * security and every response, success and problem+json. Spread it into the
 * route's schema next to params/querystring/body:
 *
 *   app.get('/v1/orders/:id', { schema: { ...operation({ operationId: 'getOrder', ... }), params: IdParams } }, handler)
 *
 * The response schemas are enforced at run time (api/openapi/serializer.ts):
 * the route can send no field and no problem code the document does not list.
 */
export function operation<Ok extends z.ZodType>(spec: OperationSpec<Ok>) {
  const codes = new Set<ApiCode>(spec.problems ?? []);
  if (spec.access !== 'public') codes.add('UNAUTHENTICATED');
  if (spec.access === 'admin') codes.add('FORBIDDEN');
  if (!spec.probe) {
    codes.add('RATE_LIMITED');
    codes.add('UNAVAILABLE');
  }
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    security: spec.access === 'public' ? [] : BEARER,
    ...(spec.deprecated ? { deprecated: true } : {}),
    response: {
      [spec.ok.status ?? 200]: { description: spec.ok.description, ...(spec.ok.headers && { headers: spec.ok.headers }), content: { [spec.ok.mediaType ?? 'application/json']: { schema: spec.ok.schema } } },
      ...problemResponses([...codes]),
    },
  };
}

/** problem+json responses for these codes, one per HTTP status, each listing the codes it can carry. */
export function problemResponses(codes: ApiCode[]) {
  const byStatus = new Map<number, ApiCode[]>();
  for (const code of [...new Set(codes)].sort()) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: list.map((c) => `\`${c}\`${WHEN[c] ? `: ${WHEN[c]}` : ''}`).join('; '),
        ...((status === 429 || status === 503) && { headers: { 'retry-after': RETRY_AFTER } }),
        content: { 'application/problem+json': { schema: problemSchema(list) } },
      },
    ]),
  );
}
