import type { Knex } from 'knex';

/**
 * Inserts rows, keeping any row that already has the same key: how an
 * activity retried by Temporal writes its row once. Not `.onConflict().ignore()`:
 * on MySQL/MariaDB that is INSERT IGNORE, which turns every other error into a
 * warning too, so a value too long for its column is silently cut and a
 * broken foreign key silently skipped. Setting the key to itself on conflict
 * changes nothing and lets every other error through. (MySQL applies it to a
 * conflict on any unique key; the tables using this have no other one that a
 * retry could hit, their primary keys being fresh ids or the key itself.)
 */
export function insertOnce(db: Knex | Knex.Transaction, table: string, rows: Record<string, unknown> | Record<string, unknown>[], key: string | string[]) {
  const keys = Array.isArray(key) ? key : [key];
  return db(table).insert(rows).onConflict(keys).merge(keys);
}
