import { z } from 'zod';
import { parseCursor, type KeysetCursor } from '../../store/keyset-page';
import { Problem } from '../problem';

/** limit + opaque cursor for newest-first lists. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^[A-Za-z0-9_-]+$/).max(200).optional(),
});

/** The decoded cursor, or 400 when it is not one this API handed out. */
export function cursorFrom(text: string | undefined): KeysetCursor | null {
  if (!text) return null;
  const cursor = parseCursor(text);
  if (!cursor) throw new Problem('VALIDATION_ERROR', 'cursor is not valid', [{ code: 'VALIDATION_ERROR', field: 'querystring.cursor', message: 'not a cursor from this API', severity: 'error' }]);
  return cursor;
}
