import type { Knex } from 'knex';
import { fromDb } from '../lib/db';

type Row = Record<string, unknown>;

/**
 * Newest-first keyset pagination on (created_at, id), so pages stay stable
 * while rows arrive. The cursor is opaque to clients: base64url of
 * "createdAtMillis:id" of the last row seen, the same shape orders use.
 */
export async function newestFirstPage(query: Knex.QueryBuilder, limit: number, cursor: KeysetCursor | null): Promise<{ rows: Row[]; nextCursor: string | null }> {
  query.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit + 1);
  if (cursor) {
    query.where((w) => w.where('created_at', '<', cursor.createdAt).orWhere((x) => x.where('created_at', cursor.createdAt).andWhere('id', '<', cursor.id)));
  }
  const rows: Row[] = await query;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? Buffer.from(`${fromDb.date(last.created_at).getTime()}:${String(last.id)}`).toString('base64url') : null;
  return { rows: page, nextCursor };
}

export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

/** null when the text is not a cursor this API handed out. */
export function parseCursor(text: string): KeysetCursor | null {
  const [ms, id, ...rest] = Buffer.from(text, 'base64url').toString().split(':');
  const n = Number(ms);
  if (!id || rest.length > 0 || !Number.isSafeInteger(n)) return null;
  return { createdAt: new Date(n), id };
}

/**
 * Ascending by a unique text column (a product's SKU, a promo's code), for
 * lists a person reads in name order. The cursor is base64url of "k" and the
 * last value seen; `offset` is the deprecated way in and applies only without
 * a cursor.
 */
export async function byKeyPage(query: Knex.QueryBuilder, column: string, limit: number, after: string | null, offset = 0): Promise<{ rows: Row[]; nextCursor: string | null }> {
  query.orderBy(column).limit(limit + 1);
  if (after !== null) query.where(column, '>', after);
  else if (offset) query.offset(offset);
  const rows: Row[] = await query;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? Buffer.from(`k${String(last[column])}`).toString('base64url') : null };
}

/** The last key of a byKeyPage cursor, or null when the text is not one. */
export function parseKeyCursor(text: string): string | null {
  const decoded = Buffer.from(text, 'base64url').toString();
  return decoded.startsWith('k') && decoded.length > 1 ? decoded.slice(1) : null;
}
