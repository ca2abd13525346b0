import type { Knex } from 'knex';
import { fromDb } from '../lib/db';

/** Rows per status value, for the gauges read at scrape time; a status with no rows is absent. */
async function countByStatus(db: Knex, table: 'orders' | 'notifications'): Promise<Map<string, number>> {
  const rows: { status: string; n: unknown }[] = await db(table).select('status').count({ n: '*' }).groupBy('status');
  return new Map(rows.map((r) => [r.status, fromDb.int(r.n)]));
}

export const countOrdersByStatus = (db: Knex) => countByStatus(db, 'orders');

export const countNotificationsByStatus = (db: Knex) => countByStatus(db, 'notifications');

/** Whether the notifications migration has run on this database yet. */
export const hasNotificationsTable = (db: Knex) => db.schema.hasTable('notifications');
