import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { Actor } from '../domain/order-view';
import type { ReturnStatus } from '../domain/return-status';

/**
 * The one writer of return_status_history, in the transaction that changes
 * the return's status. Append-only (triggers) and unique per (return,
 * to_status): every return status is entered at most once.
 */
export async function writeReturnHistory(
  trx: Knex.Transaction,
  h: { returnId: string; from: ReturnStatus | null; to: ReturnStatus; actor: Actor; reason: string | null },
  now: Date,
): Promise<void> {
  await trx('return_status_history').insert({
    id: uuid(),
    return_id: h.returnId,
    from_status: h.from,
    to_status: h.to,
    actor_type: h.actor.type,
    actor_id: h.actor.id,
    reason: h.reason?.slice(0, 500) ?? null,
    created_at: now,
  });
}
