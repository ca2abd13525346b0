import type { Knex } from 'knex';
import { clock, type ActivityDeps } from './deps';

const BATCH = 1000;

export interface PurgeResult {
  notifications: number;
  orderMetrics: number;
  webhookEvents: number;
}

/**
 * The daily retention purge (docs/domain.md §6): delivered (`sent`) notifications,
 * order metrics, and webhook events every delivery of which was delivered
 * (with their deliveries and attempts), older than RETENTION_DAYS. A webhook
 * event with a dead or pending delivery is kept: staff may still resend it. History and audit tables are
 * never touched. Idempotent: deleting what is already gone deletes nothing.
 * Deletes in batches so no single statement holds locks for long.
 */
export function purgeOldRecords(deps: ActivityDeps) {
  return async (): Promise<PurgeResult> => {
    const cutoff = new Date(clock(deps).getTime() - deps.config.retentionDays * 86_400_000);
    // Created by a migration of its own; a database without it has nothing to purge.
    const notifications = (await deps.db.schema.hasTable('notifications'))
      ? await purge(deps.db, 'notifications', 'id', (q) => q.where({ status: 'sent' }).andWhere('created_at', '<', cutoff))
      : 0;
    // A row is old when it was last written before the cutoff: a long-lived order keeps its timings.
    const orderMetrics = await purge(deps.db, 'order_metrics', 'order_id', (q) => q.where('updated_at', '<', cutoff));
    const webhookEvents = await purge(deps.db, 'webhook_events', 'id', (q) =>
      q.where('created_at', '<', cutoff).whereNotExists(deps.db('webhook_deliveries').whereRaw('webhook_deliveries.event_id = webhook_events.id').whereNot('status', 'delivered')),
    );
    return { notifications, orderMetrics, webhookEvents };
  };
}

/** Deletes every matching row, a batch of keys at a time (portable: SQLite has no DELETE ... LIMIT). */
async function purge(db: Knex, table: string, key: string, match: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<number> {
  let total = 0;
  for (;;) {
    const keys = await match(db(table)).limit(BATCH).pluck(key);
    if (keys.length === 0) return total;
    total += await db(table).whereIn(key, keys).del();
  }
}
