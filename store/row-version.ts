import type { Knex } from 'knex';
import { fromDb } from '../lib/db';

/** The tables whose rows carry a version (migration 20261130500000): the ETag of the order or product. */
type Versioned = 'orders' | 'products';

/** The row's current version, or null when there is no such row. */
export async function readVersion(db: Knex, table: Versioned, id: string): Promise<number | null> {
  const row = await db(table).where({ id }).first('version');
  return row ? fromDb.int(row.version) : null;
}

/**
 * Takes the row from `expected` to the next version in one statement, or
 * nothing when it is no longer at `expected` (someone changed it meanwhile).
 * Of two requests claiming the same version at once, exactly one wins.
 */
export async function claimVersion(db: Knex, table: Versioned, id: string, expected: number): Promise<boolean> {
  return (await db(table).where({ id, version: expected }).increment('version', 1)) === 1;
}
