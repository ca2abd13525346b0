import type { Knex } from 'knex';
import { createTable, id, time } from './lib/schema-helpers';

/**
 * Webhooks for shop systems (docs/webhooks.md): subscriptions, the outbox of
 * events (one row per event, its JSON body fixed when queued), one delivery
 * per (event, subscription) and every attempt of each delivery.
 */
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, 'webhook_subscriptions', (t) => {
    id(t).primary();
    t.string('url', 2048).notNullable();
    // JSON array of event types or patterns (domain/webhook-events.ts)
    t.text('events').notNullable();
    // HMAC-SHA256 key; read at every attempt, so a rotated secret signs the retries too
    t.string('secret', 128).notNullable();
    t.boolean('active').notNullable();
    t.string('description', 200);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    // Deleted subscriptions are kept (soft delete) so their deliveries keep their history.
    time(t, 'deleted_at');
    t.index(['created_at', 'id']);
  });

  await createTable(knex, 'webhook_events', (t) => {
    // UUIDv7: the event id every delivery and retry carries, for the receiver's deduplication
    id(t).primary();
    t.string('type', 64).notNullable();
    id(t, 'order_id').notNullable().references('orders.id');
    // The exact body POSTed on every attempt
    t.text('payload', 'mediumtext').notNullable();
    time(t, 'created_at').notNullable();
    t.index(['created_at']);
  });

  await createTable(knex, 'webhook_deliveries', (t) => {
    id(t).primary();
    id(t, 'event_id').notNullable().references('webhook_events.id').onDelete('CASCADE');
    id(t, 'subscription_id').notNullable().references('webhook_subscriptions.id');
    // Copied from the event for the deliveries list's filter
    id(t, 'order_id').notNullable();
    t.string('event_type', 64).notNullable();
    // pending -> delivered | dead; a resend puts it back to pending in a new round
    t.string('status', 16).notNullable();
    // 1, then +1 per resend: the delivery workflow's id and the attempts are numbered within a round
    t.integer('round').notNullable().defaultTo(1);
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('last_status_code');
    t.string('last_error', 1000);
    // Set once the round's delivery workflow is known to be started; the sweeper starts those left unset
    time(t, 'workflow_started_at');
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    time(t, 'delivered_at');
    t.unique(['event_id', 'subscription_id']);
    t.index(['status', 'workflow_started_at']);
    t.index(['order_id', 'status']);
    t.index(['subscription_id', 'created_at']);
    t.index(['created_at', 'id']);
  });

  await createTable(knex, 'webhook_attempts', (t) => {
    id(t).primary();
    id(t, 'delivery_id').notNullable().references('webhook_deliveries.id').onDelete('CASCADE');
    t.integer('round').notNullable();
    // Temporal's attempt number within the round: a retried write of the same attempt is a no-op
    t.integer('attempt_no').notNullable();
    // null when no answer came (refused, timed out)
    t.integer('status_code');
    t.string('error', 1000);
    t.integer('duration_ms').notNullable();
    time(t, 'created_at').notNullable();
    t.unique(['delivery_id', 'round', 'attempt_no']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('webhook_attempts');
  await knex.schema.dropTableIfExists('webhook_deliveries');
  await knex.schema.dropTableIfExists('webhook_events');
  await knex.schema.dropTableIfExists('webhook_subscriptions');
}
