import type { Knex } from 'knex';
import { createTable, id, time } from './lib/schema-helpers';

/** Order notifications (e-mail, SMS) and every delivery attempt (docs/domain.md §6). */
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, 'notifications', (t) => {
    id(t).primary();
    id(t, 'order_id').notNullable().references('orders.id');
    // domain/notifications.ts: NOTIFICATION_EVENTS
    t.string('event', 32).notNullable();
    // email | sms
    t.string('channel', 8).notNullable();
    // null only when skipped for want of one
    t.string('recipient', 254);
    // queued -> sent | dead; skipped (no recipient or transport not configured)
    t.string('status', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('last_error', 1000);
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
    time(t, 'sent_at');
    // One notification per order, event and channel: queueing twice creates nothing the second time.
    t.unique(['order_id', 'event', 'channel']);
    // The retention purge finds old sent notifications by status and age.
    t.index(['status', 'created_at']);
  });

  await createTable(knex, 'notification_attempts', (t) => {
    id(t).primary();
    // Cascade so the retention purge deletes a notification in one statement.
    id(t, 'notification_id').notNullable().references('notifications.id').onDelete('CASCADE');
    // Temporal's attempt number: a retried write of the same attempt is a no-op.
    t.integer('attempt_no').notNullable();
    // ok | failed
    t.string('outcome', 8).notNullable();
    t.string('error', 1000);
    time(t, 'created_at').notNullable();
    t.unique(['notification_id', 'attempt_no']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('notification_attempts');
  await knex.schema.dropTableIfExists('notifications');
}
