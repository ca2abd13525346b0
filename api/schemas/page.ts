import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseCursor, parseKeyCursor, type KeysetCursor } from '../../store/keyset-page';
import { Problem } from '../problem';

/**
 * One pagination style for every list (docs/api.md, Pagination): `limit` and
 * an opaque `cursor` in; `{ data, nextCursor }` out, and a `Link: <…>;
 * rel="next"` header while there is a next page.
 */
const cursor = z.string().regex(/^[A-Za-z0-9_-]+$/).max(200).optional().describe('nextCursor of the previous page');
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor,
});

/**
 * The short lists (products, customers, promo codes) were paged with offset
 * before cursors: still honoured, answered with Deprecation and Sunset headers.
 */
const offset = z.coerce.number().int().min(0).optional().meta({ deprecated: true }).describe('Deprecated: use cursor. Honoured only without a cursor until the Sunset date');
export const ListQuery = PageQuery.extend({ offset });

/** When offset was deprecated, and the day it stops being honoured (docs/api.md, Versioning). */
export const OFFSET_DEPRECATED_AT = new Date('2026-12-01T00:00:00Z');
export const OFFSET_SUNSET_AT = new Date('2027-06-01T00:00:00Z');

const badCursor = () =>
  new Problem('VALIDATION_ERROR', 'cursor is not valid', [{ code: 'VALIDATION_ERROR', field: 'querystring.cursor', message: 'not a cursor from this API', severity: 'error' }]);

/** The decoded cursor of a newest-first list, or 400 when it is not one this API handed out. */
export function cursorFrom(text: string | undefined): KeysetCursor | null {
  if (!text) return null;
  const parsed = parseCursor(text);
  if (!parsed) throw badCursor();
  return parsed;
}

/** The last key of a list in name order (SKU, code), or 400. */
export function keyCursorFrom(text: string | undefined): string | null {
  if (!text) return null;
  const key = parseKeyCursor(text);
  if (key === null) throw badCursor();
  return key;
}

/** Link rel="next" (RFC 8288) to the same request with the next cursor; marks the offset parameter as deprecated when it was used. */
export function pageHeaders(req: FastifyRequest, reply: FastifyReply, page: { nextCursor: string | null }, usedOffset = false): void {
  if (page.nextCursor) {
    const url = new URL(req.url, 'http://relative');
    url.searchParams.set('cursor', page.nextCursor);
    url.searchParams.delete('offset');
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  if (usedOffset) {
    reply.header('deprecation', `@${Math.floor(OFFSET_DEPRECATED_AT.getTime() / 1000)}`);
    reply.header('sunset', OFFSET_SUNSET_AT.toUTCString());
  }
}
