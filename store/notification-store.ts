import type { Knex } from 'knex';
import type { NotificationChannel, NotificationEvent, NotificationStatus } from '../domain/notifications';
import { fromDb } from '../lib/db';

type Row = Record<string, unknown>;

export interface NotificationView {
  id: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  recipient: string | null;
  status: NotificationStatus;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  /** every delivery attempt, oldest first */
  attempts: { attemptNo: number; outcome: 'ok' | 'failed'; error: string | null; at: string }[];
}

/** An order's notifications, oldest first, each with its attempts. */
export async function listNotifications(db: Knex, orderId: string): Promise<NotificationView[]> {
  const rows: Row[] = await db('notifications').where({ order_id: orderId }).orderBy([{ column: 'created_at' }, { column: 'id' }]);
  const ids = rows.map((r) => String(r.id));
  const attempts: Row[] = ids.length ? await db('notification_attempts').whereIn('notification_id', ids).orderBy('attempt_no') : [];
  return rows.map((n) => ({
    id: String(n.id),
    event: n.event as NotificationEvent,
    channel: n.channel as NotificationChannel,
    recipient: (n.recipient as string | null) ?? null,
    status: n.status as NotificationStatus,
    lastError: (n.last_error as string | null) ?? null,
    createdAt: fromDb.iso(n.created_at)!,
    updatedAt: fromDb.iso(n.updated_at)!,
    sentAt: fromDb.iso(n.sent_at),
    attempts: attempts
      .filter((a) => a.notification_id === n.id)
      .map((a) => ({ attemptNo: fromDb.int(a.attempt_no), outcome: a.outcome as 'ok' | 'failed', error: (a.error as string | null) ?? null, at: fromDb.iso(a.created_at)! })),
  }));
}
