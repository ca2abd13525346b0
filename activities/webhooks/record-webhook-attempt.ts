import { v7 as uuid } from 'uuid';
import { insertOnce } from '../../store/insert-once';
import { clock, type ActivityDeps } from '../deps';

export interface AttemptOutcome {
  /** the answer's status, null when none came */
  statusCode: number | null;
  /** null when delivered (a 2xx answer) */
  error: string | null;
  durationMs: number;
}

/**
 * Writes one attempt and the delivery's state in one transaction. Keyed by
 * (delivery, round, Temporal's attempt number), so a retried write is a
 * no-op, and the delivery's attempt count is counted from the rows rather
 * than incremented. The delivery's update is guarded by its round and
 * `pending`, so a settled delivery stays as it is.
 */
export async function recordWebhookAttempt(deps: ActivityDeps, deliveryId: string, round: number, attemptNo: number, o: AttemptOutcome): Promise<void> {
  const now = clock(deps);
  const error = o.error?.slice(0, 1000) ?? null;
  await deps.db.transaction(async (trx) => {
    await insertOnce(
      trx,
      'webhook_attempts',
      { id: uuid(), delivery_id: deliveryId, round, attempt_no: attemptNo, status_code: o.statusCode, error, duration_ms: o.durationMs, created_at: now },
      ['delivery_id', 'round', 'attempt_no'],
    );
    await trx('webhook_deliveries')
      .where({ id: deliveryId, round, status: 'pending' })
      .update({
        attempts: trx('webhook_attempts').where({ delivery_id: deliveryId }).count('*'),
        last_status_code: o.statusCode,
        last_error: error,
        updated_at: now,
        ...(error ? {} : { status: 'delivered', delivered_at: now }),
      });
  });
}
