import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import { subscribesTo, type WebhookEventType } from '../domain/webhook-events';
import { fromDb } from '../lib/db';

/**
 * Transactions that queued at least one event. After the commit only those
 * (and retries that find their change already made) need to look for
 * deliveries to start: with no subscription wanting a step's events, a
 * step skips that query.
 */
const queuedIn = new WeakSet<Knex.Transaction>();

export function queuedWebhookEvents(trx: Knex.Transaction): boolean {
  return queuedIn.has(trx);
}

/** An event for the shops' webhooks: what happened, to which order, and its facts (JSON-serialisable). */
export interface WebhookEventInput {
  type: WebhookEventType;
  orderId: string;
  data: Record<string, unknown>;
}

/**
 * The webhook outbox (docs/webhooks.md). Queues one event in the caller's
 * transaction: one `webhook_events` row (its UUIDv7 id is the event id every
 * delivery and retry carries) and one `pending` delivery per active
 * subscription that wants the type. Nothing is written when no subscription
 * wants it. Returns the event id, or null when nothing was queued.
 *
 * Call it in the transaction that makes the change the event reports, so the
 * event exists exactly when the change does; it is not idempotent on its own
 * (a second call queues a second event), so call it only when the change was
 * applied, not on a retry that finds it already done. Delivery starts after
 * the commit: activities/webhooks/start-deliveries.ts (startOrderWebhooks),
 * or within a sweep interval by the webhook sweeper.
 */
export function queueWebhookEvent(trx: Knex.Transaction, event: WebhookEventInput, now: Date): Promise<string | null> {
  return queueEvent(trx, event.type, event.orderId, async () => event.data, now);
}

/** queueWebhookEvent, with the data built only when some subscription wants the event (status events read the order). */
export async function queueEvent(
  trx: Knex.Transaction,
  type: WebhookEventType,
  orderId: string,
  data: () => Promise<Record<string, unknown>>,
  now: Date,
): Promise<string | null> {
  const subscriptions = (await trx('webhook_subscriptions').where('active', true).whereNull('deleted_at').select('id', 'events')).filter((s) =>
    subscribesTo(fromDb.json<string[]>(s.events, []), type),
  );
  if (subscriptions.length === 0) return null;
  const id = uuid();
  const payload = JSON.stringify({ id, type, createdAt: now.toISOString(), orderId, data: await data() });
  await trx('webhook_events').insert({ id, type, order_id: orderId, payload, created_at: now });
  await trx('webhook_deliveries').insert(
    subscriptions.map((s) => ({
      id: uuid(),
      event_id: id,
      subscription_id: s.id,
      order_id: orderId,
      event_type: type,
      status: 'pending',
      round: 1,
      attempts: 0,
      created_at: now,
      updated_at: now,
    })),
  );
  queuedIn.add(trx);
  return id;
}
