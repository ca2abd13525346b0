import type { Knex } from 'knex';

/** Step timings in milliseconds; an absent field is left as it is. */
export interface OrderTimings {
  validatingMs?: number;
  reservingMs?: number;
  committingMs?: number;
  endToEndMs?: number;
}

const COLUMNS = { validatingMs: 'validating_ms', reservingMs: 'reserving_ms', committingMs: 'committing_ms', endToEndMs: 'end_to_end_ms' } as const;

/**
 * Upserts an order's timings. Idempotency key: the order id; each call sets
 * only the fields it carries, so creation and confirmation are recorded
 * separately and a retry writes the same values again.
 */
export async function writeOrderTimings(db: Knex | Knex.Transaction, orderId: string, t: OrderTimings, now: Date): Promise<void> {
  const values: Record<string, number> = {};
  for (const [field, column] of Object.entries(COLUMNS)) {
    const ms = t[field as keyof typeof COLUMNS];
    if (ms !== undefined) values[column] = Math.max(0, Math.round(ms));
  }
  if (Object.keys(values).length === 0) return;
  await db('order_metrics')
    .insert({ order_id: orderId, ...values, created_at: now, updated_at: now })
    .onConflict('order_id')
    .merge([...Object.keys(values), 'updated_at']);
}
