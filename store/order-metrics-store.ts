import type { Knex } from 'knex';
import { fromDb } from '../lib/db';

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : fromDb.int(v));

/** An order's step timings; a step not reached (or not measured yet) is null, as is the whole row before the first. */
export async function readOrderMetrics(db: Knex, orderId: string) {
  const row = await db('order_metrics').where({ order_id: orderId }).first();
  return {
    orderId,
    validatingMs: ms(row?.validating_ms),
    reservingMs: ms(row?.reserving_ms),
    committingMs: ms(row?.committing_ms),
    endToEndMs: ms(row?.end_to_end_ms),
    updatedAt: fromDb.iso(row?.updated_at),
  };
}
