import { v7 as uuid } from 'uuid';
import type { ErrorCategory, ErrorSeverity } from '../domain/error-log';
import { redact } from '../lib/redact';
import { safeErrorMessage } from '../store/error-log';
import { insertOnce } from '../store/insert-once';
import { clock, type ActivityDeps } from './deps';


export interface ErrorRecord {
  orderId: string | null;
  category: ErrorCategory;
  severity: ErrorSeverity;
  code: string;
  /** What failed, in plain words, for the admins who read GET /v1/errors: not the error's own text. */
  message: string;
  /** The error's own text (String(err)): logged with its values taken out, never stored. */
  cause?: string;
  details?: unknown;
  /** one row per key even if the activity retries */
  dedupeKey?: string;
}

/**
 * Writes a row to the error log for a human to resolve, and a log line for
 * whoever investigates. A driver's error text holds the failed statement with
 * the customer's address, phone and e-mail, so the row keeps only a safe
 * message (error-log.ts: safeErrorMessage) and the cause goes to the log,
 * redacted. Idempotent by dedupeKey (default: order + code): a retry keeps
 * the first row.
 */
export function recordError(deps: ActivityDeps) {
  return async (e: ErrorRecord): Promise<void> => {
    const message = safeErrorMessage(e.code, e.message);
    const level = e.severity === 'critical' || e.severity === 'high' ? 'error' : 'warn';
    deps.log[level](
      {
        orderId: e.orderId,
        code: e.code,
        category: e.category,
        severity: e.severity,
        ...(e.cause ? { cause: redact(e.cause) } : {}),
        ...(message !== e.message ? { unsafeMessage: redact(e.message) } : {}),
      },
      message,
    );
    const dedupeKey = e.dedupeKey ?? (e.orderId ? `${e.code}:${e.orderId}` : null);
    await insertOnce(
      deps.db,
      'order_errors',
      {
        id: uuid(),
        order_id: e.orderId,
        category: e.category,
        severity: e.severity,
        code: e.code,
        message,
        details: e.details === undefined ? null : JSON.stringify(e.details),
        dedupe_key: dedupeKey,
        created_at: clock(deps),
      },
      'dedupe_key',
    );
  };
}
