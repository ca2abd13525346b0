import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { Actor } from '../domain/order-view';
import type { PaymentProviderName, RefundStatus } from '../domain/payments';
import { fromDb } from '../lib/db';
import { appendLedger } from './payment-ledger';
import { writeReturnHistory } from './return-history';
import { queueWebhookEvent } from './webhook-outbox';

/**
 * Refunds: reserved against what was captured, then sent by the refund
 * workflow, then settled or failed. A refund is reserved with one
 * conditional UPDATE (`refunded + amount` only WHERE `captured - refunded >=
 * amount`), so refunds racing for one order can never together exceed its
 * capture, on MariaDB or SQLite; the summary row's CHECK refuses it again.
 */
export interface RefundRequest {
  orderId: string;
  amountCentavos: number;
  reason: string;
  /** why this refund exists, once: a retry with the same key finds it */
  dedupeKey: string;
  requestHash?: string | null;
  returnId?: string | null;
  actor: Actor;
}

export interface RefundRecord {
  id: string;
  orderId: string;
  returnId: string | null;
  amountCentavos: number;
  reason: string;
  status: RefundStatus;
  provider: PaymentProviderName;
  providerRef: string | null;
  requestHash: string | null;
  actor: Actor;
  createdAt: string;
  updatedAt: string;
}

export type Reserved = { ok: true; refund: RefundRecord; created: boolean } | { ok: false; refundableCentavos: number };

/** Reserves the amount and writes the pending refund, in the caller's transaction; or says how much could be refunded. */
export async function reserveRefund(trx: Knex.Transaction, r: RefundRequest, now: Date): Promise<Reserved> {
  const existing = await trx('refunds').where({ dedupe_key: r.dedupeKey }).first();
  if (existing) return { ok: true, refund: toRefund(existing), created: false };
  const taken = await trx('order_payments')
    .where({ order_id: r.orderId })
    .andWhereRaw('captured_centavos - refunded_centavos >= ?', [r.amountCentavos])
    .update({ refunded_centavos: trx.raw('refunded_centavos + ?', [r.amountCentavos]), updated_at: now });
  if (taken === 0) return { ok: false, refundableCentavos: await refundable(trx, r.orderId) };
  const payment = await trx('order_payments').where({ order_id: r.orderId }).first('provider');
  const row = {
    id: uuid(),
    order_id: r.orderId,
    return_id: r.returnId ?? null,
    amount_centavos: r.amountCentavos,
    reason: r.reason.slice(0, 500),
    status: 'pending',
    provider: payment.provider,
    provider_ref: null,
    dedupe_key: r.dedupeKey,
    request_hash: r.requestHash ?? null,
    actor_type: r.actor.type,
    actor_id: r.actor.id,
    created_at: now,
    updated_at: now,
  };
  await trx('refunds').insert(row);
  return { ok: true, refund: toRefund(row), created: true };
}

/** Captured and not yet refunded (or being refunded). */
export async function refundable(db: Knex | Knex.Transaction, orderId: string): Promise<number> {
  const p = await db('order_payments').where({ order_id: orderId }).first('captured_centavos', 'refunded_centavos');
  return p ? fromDb.int(p.captured_centavos) - fromDb.int(p.refunded_centavos) : 0;
}

/** The provider paid it back: the refund succeeds, the ledger says so, and a return waiting on it is refunded. Idempotent. */
export async function settleRefund(db: Knex, refundId: string, providerRef: string, now: Date): Promise<void> {
  await db.transaction(async (trx) => {
    const refund = await trx('refunds').where({ id: refundId }).first();
    const moved = await trx('refunds').where({ id: refundId, status: 'pending' }).update({ status: 'succeeded', provider_ref: providerRef, updated_at: now });
    if (moved === 0) return;
    const orderId = String(refund.order_id);
    await appendLedger(
      trx,
      { orderId, kind: 'refund', provider: refund.provider, amountCentavos: fromDb.int(refund.amount_centavos), providerRef, refundId, reason: refund.reason, actor: { type: refund.actor_type, id: refund.actor_id }, dedupeKey: `refund:${refundId}` },
      now,
    );
    const p = await trx('order_payments').where({ order_id: orderId }).first('captured_centavos', 'refunded_centavos');
    const whole = fromDb.int(p.refunded_centavos) >= fromDb.int(p.captured_centavos);
    await trx('order_payments').where({ order_id: orderId }).update({ status: whole ? 'refunded' : 'partially_refunded', updated_at: now });
    const facts = { refundId, amountCentavos: fromDb.int(refund.amount_centavos), reason: refund.reason, provider: refund.provider, providerRef, returnId: refund.return_id ?? null };
    await queueWebhookEvent(trx, { type: 'order.refunded', orderId, data: facts }, now);
    if (refund.return_id) {
      const returned = await trx('returns').where({ id: refund.return_id, status: 'received' }).update({ status: 'refunded', updated_at: now });
      if (returned) {
        await writeReturnHistory(trx, { returnId: String(refund.return_id), from: 'received', to: 'refunded', actor: { type: 'system', id: 'refund-workflow' }, reason: `refund ${refundId} paid` }, now);
        await queueWebhookEvent(trx, { type: 'return.refunded', orderId, data: { ...facts, status: 'refunded' } }, now);
      }
    }
  });
}

/** The refund failed for good: its amount can be refunded again, the ledger records the failure. Idempotent. */
export async function failRefund(db: Knex, refundId: string, why: string, now: Date): Promise<RefundRecord | null> {
  return db.transaction(async (trx) => {
    const refund = await trx('refunds').where({ id: refundId }).first();
    const moved = await trx('refunds').where({ id: refundId, status: 'pending' }).update({ status: 'failed', updated_at: now });
    if (moved === 0) return null;
    const amount = fromDb.int(refund.amount_centavos);
    await trx('order_payments').where({ order_id: refund.order_id }).update({ refunded_centavos: trx.raw('refunded_centavos - ?', [amount]), updated_at: now });
    await appendLedger(
      trx,
      { orderId: String(refund.order_id), kind: 'failure', provider: refund.provider, amountCentavos: amount, refundId, reason: `refund failed: ${why}`, actor: { type: 'system', id: 'refund-workflow' }, dedupeKey: `refund-failed:${refundId}` },
      now,
    );
    return toRefund({ ...refund, status: 'failed' });
  });
}

export async function readRefund(db: Knex, refundId: string): Promise<RefundRecord | null> {
  const row = await db('refunds').where({ id: refundId }).first();
  return row ? toRefund(row) : null;
}

export async function listRefunds(db: Knex, orderId: string): Promise<RefundRecord[]> {
  const rows = await db('refunds').where({ order_id: orderId }).orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(toRefund);
}

/** Refunds reserved but not yet settled or failed: each must have its refund workflow. */
export async function pendingRefundIds(db: Knex | Knex.Transaction, orderId: string): Promise<string[]> {
  return (await db('refunds').where({ order_id: orderId, status: 'pending' }).select('id')).map((r: { id: string }) => String(r.id));
}

function toRefund(r: Record<string, unknown>): RefundRecord {
  return {
    id: String(r.id),
    orderId: String(r.order_id),
    returnId: (r.return_id as string | null) ?? null,
    amountCentavos: fromDb.int(r.amount_centavos),
    reason: String(r.reason),
    status: r.status as RefundStatus,
    provider: r.provider as PaymentProviderName,
    providerRef: (r.provider_ref as string | null) ?? null,
    requestHash: (r.request_hash as string | null) ?? null,
    actor: { type: r.actor_type as Actor['type'], id: (r.actor_id as string | null) ?? null },
    createdAt: fromDb.iso(r.created_at)!,
    updatedAt: fromDb.iso(r.updated_at)!,
  };
}
