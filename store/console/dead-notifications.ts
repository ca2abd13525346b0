import type { Knex } from 'knex';
import type { NotificationChannel, NotificationEvent } from '../../domain/notifications';
import { fromDb } from '../../lib/db';

type Row = Record<string, unknown>;

/** Notifications that failed every attempt, newest first. */
export async function listDeadNotifications(db: Knex, limit = 100) {
  const rows: Row[] = await db('notifications').where('status', 'dead').orderBy('updated_at', 'desc').limit(limit);
  return rows.map((n) => ({
    id: String(n.id),
    orderId: String(n.order_id),
    event: n.event as NotificationEvent,
    channel: n.channel as NotificationChannel,
    recipient: (n.recipient as string | null) ?? null,
    attempts: fromDb.int(n.attempts),
    lastError: (n.last_error as string | null) ?? null,
    updatedAt: fromDb.iso(n.updated_at)!,
  }));
}

/**
 * Puts a dead notification back in the queue, guarded by its status, so of
 * two staff retrying at once only one re-queues it. Returns what the
 * notification workflow needs to send it again, or null when it was not dead.
 */
export async function requeueDeadNotification(db: Knex, id: string, now = new Date()): Promise<{ orderId: string; event: NotificationEvent } | null> {
  // The new run's attempts are numbered after the recorded ones (attempt_offset).
  const changed = await db('notifications').where({ id, status: 'dead' }).update({ status: 'queued', attempt_offset: db.raw('attempts'), updated_at: now });
  if (!changed) return null;
  const n = await db('notifications').where({ id }).first('order_id', 'event');
  return { orderId: String(n.order_id), event: n.event as NotificationEvent };
}
