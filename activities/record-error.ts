import { v7 as uuid } from 'uuid';
import { clock, type ActivityDeps } from './deps';

export type ErrorCategory = 'validation' | 'inventory' | 'payment' | 'notification' | 'database' | 'system';
export type ErrorSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface ErrorRecord {
  orderId: string | null;
  category: ErrorCategory;
  severity: ErrorSeverity;
  code: string;
  message: string;
  details?: unknown;
  /** the raw error behind it: may quote SQL or personal data, so it is never stored or shown (see fix/data) */
  cause?: string;
  /** one row per key even if the activity retries */
  dedupeKey?: string;
}

/** Writes a row to the error log for a human to resolve. Idempotent by dedupeKey (default: order + code). */
export function recordError(deps: ActivityDeps) {
  return async (e: ErrorRecord): Promise<void> => {
    const dedupeKey = e.dedupeKey ?? (e.orderId ? `${e.code}:${e.orderId}` : null);
    await deps.db('order_errors')
      .insert({
        id: uuid(),
        order_id: e.orderId,
        category: e.category,
        severity: e.severity,
        code: e.code,
        message: e.message.slice(0, 1000),
        details: e.details === undefined ? null : JSON.stringify(e.details),
        dedupe_key: dedupeKey,
        created_at: clock(deps),
      })
      .onConflict('dedupe_key')
      .ignore();
  };
}
