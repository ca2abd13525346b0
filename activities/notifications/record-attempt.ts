import { v7 as uuid } from 'uuid';
import { insertOnce } from '../../store/insert-once';
import { clock, type ActivityDeps } from '../deps';

/**
 * Writes one delivery attempt and the notification's state in one
 * transaction: `error` null means delivered (status sent). Keyed by
 * (notification, attempt number), so a retried write is a no-op; the status
 * update is guarded by `queued`, so a settled notification stays as it is.
 */
export async function recordAttempt(deps: ActivityDeps, notificationId: string, attemptNo: number, error: string | null): Promise<void> {
  const now = clock(deps);
  await deps.db.transaction(async (trx) => {
    await insertOnce(
      trx,
      'notification_attempts',
      { id: uuid(), notification_id: notificationId, attempt_no: attemptNo, outcome: error ? 'failed' : 'ok', error: error?.slice(0, 1000) ?? null, created_at: now },
      ['notification_id', 'attempt_no'],
    );
    await trx('notifications')
      .where({ id: notificationId, status: 'queued' })
      .update({ attempts: attemptNo, updated_at: now, ...(error ? { last_error: error.slice(0, 1000) } : { status: 'sent', sent_at: now }) });
  });
}
