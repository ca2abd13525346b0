import type { Knex } from 'knex';
import type { Issue } from '../domain/error-codes';
import { fromDb } from '../lib/db';

/** The problems a rejected attempt was answered with, or null when this order id was never rejected. */
export async function readRejection(db: Knex, orderId: string): Promise<Issue[] | null> {
  const row = await db('order_rejections').where({ order_id: orderId }).first('errors');
  return row ? fromDb.json<Issue[]>(row.errors, []) : null;
}

/**
 * Rejected attempts over [from, to) (all of them without a period), and how
 * many broke each rule code: an attempt counts once under each of its codes.
 * Few distinct code lists exist, so the database groups by the stored list
 * and the lists are split here (no dialect-specific string functions).
 */
export async function countRejectionsByCode(db: Knex, period?: { from: Date; to: Date }): Promise<{ attempts: number; byCode: Map<string, number> }> {
  const q = db('order_rejections').select('codes').count({ n: '*' }).groupBy('codes');
  if (period) q.where('created_at', '>=', period.from).andWhere('created_at', '<', period.to);
  const groups = (await q) as { codes: string; n: unknown }[];
  const byCode = new Map<string, number>();
  let attempts = 0;
  for (const g of groups) {
    const n = fromDb.int(g.n);
    attempts += n;
    for (const code of String(g.codes).split(',').filter(Boolean)) byCode.set(code, (byCode.get(code) ?? 0) + n);
  }
  return { attempts, byCode };
}
