import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { WebhookDeliveryStatus, WebhookEventFilter, WebhookEventType } from '../domain/webhook-events';
import { fromDb } from '../lib/db';
import { newestFirstPage, type KeysetCursor } from './keyset-page';

type Row = Record<string, unknown>;

/** A subscription as the API shows it: never its secret, which is shown once when it is made or rotated. */
export function toSubscription(s: Row) {
  return {
    id: String(s.id),
    url: String(s.url),
    events: fromDb.json<WebhookEventFilter[]>(s.events, []),
    active: fromDb.bool(s.active),
    description: (s.description as string | null) ?? null,
    createdAt: fromDb.iso(s.created_at)!,
    updatedAt: fromDb.iso(s.updated_at)!,
  };
}
export type WebhookSubscription = ReturnType<typeof toSubscription>;

export interface SubscriptionFields {
  url: string;
  events: WebhookEventFilter[];
  secret: string;
  active: boolean;
  description: string | null;
}

export async function insertSubscription(db: Knex, s: SubscriptionFields, now: Date): Promise<string> {
  const id = uuid();
  await db('webhook_subscriptions').insert({ id, url: s.url, events: JSON.stringify(s.events), secret: s.secret, active: s.active, description: s.description, created_at: now, updated_at: now });
  return id;
}

/** Changes what is given; false when there is no such subscription (or it is deleted). */
export async function updateSubscription(db: Knex, id: string, s: Partial<SubscriptionFields>, now: Date): Promise<boolean> {
  const changes: Row = { updated_at: now };
  if (s.url !== undefined) changes.url = s.url;
  if (s.events !== undefined) changes.events = JSON.stringify(s.events);
  if (s.secret !== undefined) changes.secret = s.secret;
  if (s.active !== undefined) changes.active = s.active;
  if (s.description !== undefined) changes.description = s.description;
  return (await db('webhook_subscriptions').where({ id }).whereNull('deleted_at').update(changes)) > 0;
}

/**
 * Deletes a subscription: no event is queued for it any more and its pending
 * deliveries die at their next attempt. The row stays (soft delete) so its
 * deliveries keep their history. false when there was none.
 */
export async function deleteSubscription(db: Knex, id: string, now: Date): Promise<boolean> {
  return (await db('webhook_subscriptions').where({ id }).whereNull('deleted_at').update({ deleted_at: now, active: false, updated_at: now })) > 0;
}

export async function readSubscription(db: Knex, id: string): Promise<WebhookSubscription | null> {
  const row = await db('webhook_subscriptions').where({ id }).whereNull('deleted_at').first();
  return row ? toSubscription(row) : null;
}

export async function listSubscriptions(db: Knex, f: { limit: number; cursor: KeysetCursor | null }): Promise<{ data: WebhookSubscription[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await newestFirstPage(db('webhook_subscriptions').whereNull('deleted_at'), f.limit, f.cursor);
  return { data: rows.map(toSubscription), nextCursor };
}

export function toDelivery(d: Row) {
  return {
    id: String(d.id),
    eventId: String(d.event_id),
    eventType: d.event_type as WebhookEventType,
    orderId: String(d.order_id),
    subscriptionId: String(d.subscription_id),
    status: d.status as WebhookDeliveryStatus,
    round: fromDb.int(d.round),
    attemptCount: fromDb.int(d.attempts),
    lastStatusCode: d.last_status_code === null || d.last_status_code === undefined ? null : fromDb.int(d.last_status_code),
    lastError: (d.last_error as string | null) ?? null,
    createdAt: fromDb.iso(d.created_at)!,
    updatedAt: fromDb.iso(d.updated_at)!,
    deliveredAt: fromDb.iso(d.delivered_at),
  };
}
export type WebhookDelivery = ReturnType<typeof toDelivery>;

export interface DeliveryFilter {
  status?: WebhookDeliveryStatus;
  subscriptionId?: string;
  orderId?: string;
  limit: number;
  cursor: KeysetCursor | null;
}

/** Deliveries, newest first (keyset pages). */
export async function listDeliveries(db: Knex, f: DeliveryFilter): Promise<{ data: WebhookDelivery[]; nextCursor: string | null }> {
  const q = db('webhook_deliveries');
  if (f.status) q.where('status', f.status);
  if (f.subscriptionId) q.where('subscription_id', f.subscriptionId);
  if (f.orderId) q.where('order_id', f.orderId);
  const { rows, nextCursor } = await newestFirstPage(q, f.limit, f.cursor);
  return { data: rows.map(toDelivery), nextCursor };
}

/** One delivery with the body it sends and every attempt of every round, oldest first. */
export async function readDelivery(db: Knex, id: string) {
  const d = await db('webhook_deliveries as d').join('webhook_events as e', 'e.id', 'd.event_id').where('d.id', id).first('d.*', 'e.payload');
  if (!d) return null;
  const attempts = await db('webhook_attempts').where({ delivery_id: id }).orderBy([{ column: 'round' }, { column: 'attempt_no' }]);
  return {
    ...toDelivery(d),
    payload: fromDb.json<Record<string, unknown>>(d.payload, {}),
    attempts: attempts.map((a: Row) => ({
      round: fromDb.int(a.round),
      attemptNo: fromDb.int(a.attempt_no),
      statusCode: a.status_code === null || a.status_code === undefined ? null : fromDb.int(a.status_code),
      error: (a.error as string | null) ?? null,
      durationMs: fromDb.int(a.duration_ms),
      at: fromDb.iso(a.created_at)!,
    })),
  };
}

/**
 * Puts a settled (delivered or dead) delivery back to pending in a new
 * round, keeping its event id and body. Guarded by the settled status, so of
 * two resends at once one wins: 'pending' when it was pending already (or the
 * other resend won), 'not_found' when there is none.
 */
export async function reopenDelivery(db: Knex, id: string, now: Date): Promise<{ round: number } | 'pending' | 'not_found'> {
  const current = await db('webhook_deliveries').where({ id }).first('status', 'round');
  if (!current) return 'not_found';
  if (current.status === 'pending') return 'pending';
  const round = fromDb.int(current.round) + 1;
  const moved = await db('webhook_deliveries')
    .where({ id, round: current.round })
    .whereIn('status', ['delivered', 'dead'])
    .update({ status: 'pending', round, workflow_started_at: null, last_error: null, last_status_code: null, delivered_at: null, updated_at: now });
  return moved > 0 ? { round } : 'pending';
}
