import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { ApiCode } from '../domain/error-codes';
import type { Actor } from '../domain/order-view';
import { lineRefundCentavos, returnTransitionOf, type ReturnAction, type ReturnOutcome, type ReturnStatus } from '../domain/return-status';
import { fromDb } from '../lib/db';
import { refundable, reserveRefund } from './refund-store';
import { writeReturnHistory } from './return-history';
import { receiveReturnedLine } from './stock';
import { queueWebhookEvent } from './webhook-outbox';
import type { WebhookEventType } from '../domain/webhook-events';

/** The shops' webhook event each return step queues (docs/webhooks.md); ship_back is the customer's own news. */
const EVENT_OF: Partial<Record<ReturnAction, WebhookEventType>> = { approve: 'return.approved', reject: 'return.rejected', receive: 'return.received' };

/**
 * Returns of delivered orders (docs/payments.md "Returns"): requested with a
 * reason per line inside the return window, approved or rejected by staff,
 * shipped back, received line by line (restocked or written off), then
 * refunded by the refund workflow. Every status change is a conditional
 * UPDATE guarded by the expected status, checked against the return status
 * table, with its history row, in one transaction.
 */
export class ReturnRefused extends Error {
  constructor(
    readonly code: ApiCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export interface ReturnLineRequest {
  productId: string;
  quantity: number;
  reason: string;
}

/** Requests a return of some or all lines; refuses what the order cannot take back. Idempotent by the return id. */
export async function requestReturn(
  trx: Knex.Transaction,
  r: { returnId: string; orderId: string; lines: ReturnLineRequest[]; actor: Actor; requestHash: string; windowDays: number },
  now: Date,
): Promise<{ created: boolean; requestHash: string }> {
  const existing = await trx('returns').where({ id: r.returnId }).first('request_hash');
  if (existing) return { created: false, requestHash: String(existing.request_hash) };
  // One return request of an order at a time: what is still returnable is read and taken under this lock.
  const order = await trx('orders').where({ id: r.orderId }).forUpdate().first('status', 'subtotal_centavos', 'discount_centavos');
  if (order.status !== 'delivered') throw new ReturnRefused('RETURN_NOT_ALLOWED', `Only a delivered order can be returned; this one is ${order.status}`);
  const delivered = await trx('order_status_history').where({ order_id: r.orderId, to_status: 'delivered' }).first('created_at');
  const closes = fromDb.date(delivered.created_at).getTime() + r.windowDays * 86_400_000;
  if (now.getTime() > closes) throw new ReturnRefused('RETURN_WINDOW_CLOSED', `Returns of this order closed on ${new Date(closes).toISOString()} (${r.windowDays} days after delivery)`);

  const items = new Map<string, Record<string, unknown>>((await trx('order_items').where({ order_id: r.orderId })).map((i: Record<string, unknown>) => [String(i.product_id), i]));
  const taken = await alreadyReturned(trx, r.orderId);
  const lines = r.lines.map((line, i) => {
    const item = items.get(line.productId);
    if (!item) throw new ReturnRefused('RETURN_QUANTITY_EXCEEDED', `Product ${line.productId} is not on this order`, `lines.${i}.productId`);
    const left = fromDb.int(item.quantity) - (taken.get(line.productId) ?? 0);
    if (line.quantity > left) throw new ReturnRefused('RETURN_QUANTITY_EXCEEDED', `At most ${left} of product ${line.productId} can still be returned`, `lines.${i}.quantity`);
    const refund = lineRefundCentavos({ unitPriceCentavos: fromDb.int(item.unit_price_centavos), quantity: line.quantity }, { subtotalCentavos: fromDb.int(order.subtotal_centavos), discountCentavos: fromDb.int(order.discount_centavos) });
    return { id: uuid(), return_id: r.returnId, product_id: line.productId, quantity: line.quantity, reason: line.reason.slice(0, 500), outcome: null, refund_centavos: refund };
  });
  await trx('returns').insert({ id: r.returnId, order_id: r.orderId, status: 'requested', request_hash: r.requestHash, actor_type: r.actor.type, actor_id: r.actor.id, created_at: now, updated_at: now });
  await trx('return_lines').insert(lines);
  await writeReturnHistory(trx, { returnId: r.returnId, from: null, to: 'requested', actor: r.actor, reason: r.lines.map((l) => l.reason).join('; ') }, now);
  const facts = lines.map((l) => ({ productId: l.product_id, quantity: l.quantity, reason: l.reason, refundCentavos: l.refund_centavos }));
  await queueWebhookEvent(trx, { type: 'return.requested', orderId: r.orderId, data: { returnId: r.returnId, status: 'requested', lines: facts } }, now);
  return { created: true, requestHash: r.requestHash };
}

/** Quantities of each product already in returns that were not rejected. */
async function alreadyReturned(trx: Knex.Transaction, orderId: string): Promise<Map<string, number>> {
  const rows = await trx('return_lines as l')
    .join('returns as r', 'r.id', 'l.return_id')
    .where('r.order_id', orderId)
    .whereNot('r.status', 'rejected')
    .groupBy('l.product_id')
    .select('l.product_id')
    .sum({ quantity: 'l.quantity' });
  return new Map(rows.map((row: Record<string, unknown>) => [String(row.product_id), fromDb.int(row.quantity)]));
}

export interface ReturnActionInput {
  returnId: string;
  action: Exclude<ReturnAction, 'refund'>;
  actor: Actor;
  reason: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  /** receive: what becomes of each line, by product id; every line must be named */
  outcomes?: Record<string, ReturnOutcome>;
}

/**
 * Moves a return on. Receiving puts each line back on the shelf or writes it
 * off (stock movements of kind `return`) and reserves the refund of the
 * received lines against what the order's payment captured. Idempotent: a
 * return already where the action leads is answered as it is.
 */
export async function actOnReturn(trx: Knex.Transaction, a: ReturnActionInput, now: Date): Promise<{ orderId: string; refundReserved: boolean }> {
  const ret = await trx('returns').where({ id: a.returnId }).first('order_id', 'status');
  if (!ret) throw new ReturnRefused('RETURN_NOT_FOUND', `Return ${a.returnId} not found`);
  const from = ret.status as ReturnStatus;
  const orderId = String(ret.order_id);
  const t = returnTransitionOf(from, a.action, a.actor.type);
  if (!t) throw new ReturnRefused('INVALID_STATE_TRANSITION', `cannot ${a.action} a return that is ${from}`);
  const lines = await trx('return_lines').where({ return_id: a.returnId }).orderBy('product_id');
  if (a.action === 'receive') {
    const missing = lines.findIndex((l: Record<string, unknown>) => !a.outcomes?.[String(l.product_id)]);
    if (missing >= 0) throw new ReturnRefused('VALIDATION_ERROR', `say whether product ${lines[missing].product_id} is restocked or damaged`, `outcomes.${lines[missing].product_id}`);
  }
  const changes: Record<string, unknown> = { status: t.to, updated_at: now };
  if (a.carrier) changes.carrier = a.carrier;
  if (a.trackingNumber) changes.tracking_number = a.trackingNumber;
  const moved = await trx('returns').where({ id: a.returnId, status: from }).update(changes);
  if (moved === 0) throw new ReturnRefused('INVALID_STATE_TRANSITION', `return ${a.returnId} changed meanwhile; read it again`);
  await writeReturnHistory(trx, { returnId: a.returnId, from, to: t.to, actor: a.actor, reason: a.reason }, now);
  const event = EVENT_OF[a.action];
  if (event) await queueWebhookEvent(trx, { type: event, orderId, data: { returnId: a.returnId, status: t.to, previousStatus: from, reason: a.reason, ...(a.outcomes ? { outcomes: a.outcomes } : {}) } }, now);
  if (a.action !== 'receive') return { orderId, refundReserved: false };

  for (const l of lines) {
    const outcome = a.outcomes![String(l.product_id)];
    await trx('return_lines').where({ id: l.id }).update({ outcome });
    await receiveReturnedLine(trx, { returnId: a.returnId, orderId, productId: String(l.product_id), quantity: fromDb.int(l.quantity), outcome }, a.actor, now);
  }
  const owed = lines.reduce((sum: number, l: Record<string, unknown>) => sum + fromDb.int(l.refund_centavos), 0);
  const amount = Math.min(owed, await refundable(trx, orderId));
  if (amount <= 0) return { orderId, refundReserved: false };
  const reserved = await reserveRefund(trx, { orderId, amountCentavos: amount, reason: `return ${a.returnId}`, dedupeKey: `return:${a.returnId}`, returnId: a.returnId, actor: a.actor }, now);
  if (reserved.ok) await trx('returns').where({ id: a.returnId }).update({ refund_id: reserved.refund.id });
  return { orderId, refundReserved: reserved.ok };
}

type Row = Record<string, unknown>;

export async function readReturn(db: Knex, returnId: string) {
  const r: Row | undefined = await db('returns').where({ id: returnId }).first();
  if (!r) return null;
  const lines: Row[] = await db('return_lines').where({ return_id: returnId }).orderBy('id');
  const history: Row[] = await db('return_status_history').where({ return_id: returnId }).orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return {
    id: String(r.id),
    orderId: String(r.order_id),
    status: r.status as ReturnStatus,
    lines: lines.map((l) => ({ productId: String(l.product_id), quantity: fromDb.int(l.quantity), reason: String(l.reason), outcome: (l.outcome as ReturnOutcome | null) ?? null, refundCentavos: fromDb.int(l.refund_centavos) })),
    refundCentavos: lines.reduce((s, l) => s + fromDb.int(l.refund_centavos), 0),
    refundId: (r.refund_id as string | null) ?? null,
    carrier: (r.carrier as string | null) ?? null,
    trackingNumber: (r.tracking_number as string | null) ?? null,
    requestedBy: { type: r.actor_type as Actor['type'], id: (r.actor_id as string | null) ?? null },
    history: history.map((h) => ({ from: (h.from_status as ReturnStatus | null) ?? null, to: h.to_status as ReturnStatus, actor: { type: h.actor_type as Actor['type'], id: (h.actor_id as string | null) ?? null }, reason: (h.reason as string | null) ?? null, at: fromDb.iso(h.created_at)! })),
    createdAt: fromDb.iso(r.created_at)!,
    updatedAt: fromDb.iso(r.updated_at)!,
  };
}

export async function listReturnIds(db: Knex, orderId: string): Promise<string[]> {
  return (await db('returns').where({ order_id: orderId }).orderBy([{ column: 'created_at' }, { column: 'id' }]).select('id')).map((r: Row) => String(r.id));
}
