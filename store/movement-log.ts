import type { Knex } from 'knex';
import type { ActorType } from '../domain/order-status';
import { fromDb } from '../lib/db';
import { newestFirstPage, type KeysetCursor } from './keyset-page';
import type { MovementKind } from './stock';

type Row = Record<string, unknown>;

export function toMovement(m: Row) {
  return {
    id: String(m.id),
    productId: String(m.product_id),
    orderId: (m.order_id as string | null) ?? null,
    kind: m.kind as MovementKind,
    deltaOnHand: fromDb.int(m.delta_on_hand),
    deltaReserved: fromDb.int(m.delta_reserved),
    onHandAfter: fromDb.int(m.on_hand_after),
    reservedAfter: fromDb.int(m.reserved_after),
    actor: { type: m.actor_type as ActorType, id: (m.actor_id as string | null) ?? null },
    reason: (m.reason as string | null) ?? null,
    at: fromDb.iso(m.created_at)!,
  };
}

/** One product's stock ledger, newest first. */
export async function listMovements(db: Knex, productId: string, limit: number, cursor: KeysetCursor | null) {
  const { rows, nextCursor } = await newestFirstPage(db('inventory_movements').where({ product_id: productId }), limit, cursor);
  return { data: rows.map(toMovement), nextCursor };
}
