import { clock, type ActivityDeps } from './deps';

/** Step timings in milliseconds, measured by the workflow; an absent field is left as it is. */
export interface OrderMetricsInput {
  orderId: string;
  validatingMs?: number;
  reservingMs?: number;
  committingMs?: number;
  endToEndMs?: number;
}

const COLUMNS = { validatingMs: 'validating_ms', reservingMs: 'reserving_ms', committingMs: 'committing_ms', endToEndMs: 'end_to_end_ms' } as const;

/**
 * Upserts an order's timings. Idempotency key: the order id; each call sets
 * only the fields it carries, so the workflow can record creation and
 * confirmation separately and a retry writes the same values again.
 */
export function recordOrderMetrics(deps: ActivityDeps) {
  return async (m: OrderMetricsInput): Promise<void> => {
    const now = clock(deps);
    const values: Record<string, number> = {};
    for (const [field, column] of Object.entries(COLUMNS)) {
      const ms = m[field as keyof typeof COLUMNS];
      if (ms !== undefined) values[column] = Math.max(0, Math.round(ms));
    }
    await deps.db('order_metrics')
      .insert({ order_id: m.orderId, ...values, created_at: now, updated_at: now })
      .onConflict('order_id')
      .merge([...Object.keys(values), 'updated_at']);
  };
}
