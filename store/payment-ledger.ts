import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { Actor } from '../domain/order-view';
import type { LedgerKind, PaymentEvent, PaymentProviderName, PaymentStatus, PaymentView } from '../domain/payments';
import { fromDb } from '../lib/db';
import { isUniqueViolation } from './unique-violation';
import { queueWebhookEvent } from './webhook-outbox';

/**
 * The payments ledger and each order's payment summary. The ledger is
 * append-only (database triggers) and every row has a dedupe key, so a
 * provider event, a capture of an intent or a refund's outcome is written
 * once however often it is delivered or retried. The summary row holds the
 * running totals the refund guard checks (store/refund-store.ts).
 */
export interface LedgerEntry {
  orderId: string;
  kind: LedgerKind;
  provider: PaymentProviderName;
  amountCentavos: number;
  providerRef?: string | null;
  eventId?: string | null;
  refundId?: string | null;
  reason?: string | null;
  actor: Actor;
  dedupeKey: string;
}

export const PROVIDER_ACTOR: Actor = { type: 'system', id: 'payment-provider' };

/** Appends a ledger row; false when a row with its dedupe key is already there (nothing written). */
export async function appendLedger(trx: Knex.Transaction, e: LedgerEntry, now: Date): Promise<boolean> {
  if (await trx('payments').where({ dedupe_key: e.dedupeKey }).first('id')) return false;
  try {
    await trx('payments').insert({
      id: uuid(),
      order_id: e.orderId,
      refund_id: e.refundId ?? null,
      kind: e.kind,
      provider: e.provider,
      amount_centavos: e.amountCentavos,
      provider_ref: e.providerRef ?? null,
      event_id: e.eventId ?? null,
      reason: e.reason?.slice(0, 500) ?? null,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      dedupe_key: e.dedupeKey,
      created_at: now,
    });
    return true;
  } catch (err) {
    // The same event delivered twice at once: the other delivery wrote it.
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** The summary row of an order paid through the gateway, written with its intent; a retry keeps the first. */
export async function openGatewayPayment(
  trx: Knex.Transaction,
  p: { orderId: string; method: string; amountCentavos: number; intentRef: string; checkoutUrl: string },
  now: Date,
): Promise<void> {
  if (await trx('order_payments').where({ order_id: p.orderId }).first('order_id')) return;
  await trx('order_payments').insert({
    order_id: p.orderId,
    provider: 'gateway',
    method: p.method,
    status: 'awaiting',
    intent_ref: p.intentRef,
    checkout_url: p.checkoutUrl,
    amount_centavos: p.amountCentavos,
    created_at: now,
    updated_at: now,
  });
  await appendLedger(trx, { orderId: p.orderId, kind: 'intent', provider: 'gateway', amountCentavos: p.amountCentavos, providerRef: p.intentRef, actor: PROVIDER_ACTOR, dedupeKey: `intent:${p.intentRef}` }, now);
}

/** The order a gateway intent belongs to (by our own record of it, never by what the webhook claims). */
export async function orderOfIntent(db: Knex, intentRef: string): Promise<string | null> {
  const row = await db('order_payments').where({ intent_ref: intentRef, provider: 'gateway' }).first('order_id');
  return row ? String(row.order_id) : null;
}

/**
 * Records a verified gateway event on the ledger and the summary. `newMoney`
 * is true only for the delivery that first recorded the intent's capture: a
 * duplicate, or a "paid" for an intent Orderly already captured itself,
 * brings no new money.
 */
export async function recordGatewayEvent(db: Knex, orderId: string, e: PaymentEvent, now: Date): Promise<{ newMoney: boolean }> {
  return db.transaction(async (trx) => {
    const base = { orderId, provider: 'gateway' as const, providerRef: e.intentRef, eventId: e.eventId, reason: e.reason, actor: PROVIDER_ACTOR };
    if (e.outcome === 'paid') return { newMoney: await recordCapture(trx, { ...base, amountCentavos: e.amountCentavos }, now) };
    const kind: LedgerKind = e.outcome === 'authorized' ? 'authorization' : 'failure';
    const written = await appendLedger(trx, { ...base, kind, amountCentavos: e.amountCentavos, reason: e.reason ?? (e.outcome === 'expired' ? 'checkout expired' : null), dedupeKey: `event:${e.eventId}` }, now);
    const status: PaymentStatus = e.outcome === 'authorized' ? 'authorized' : e.outcome;
    if (written) await trx('order_payments').where({ order_id: orderId }).whereIn('status', ['awaiting', 'authorized']).update({ status, updated_at: now });
    if (written && kind === 'failure') await queueWebhookEvent(trx, { type: 'order.payment_failed', orderId, data: { outcome: e.outcome, reason: e.reason, intentRef: e.intentRef, eventId: e.eventId } }, now);
    return { newMoney: false };
  });
}

/** The intent's one capture: on the ledger and added to the summary's captured total, once. */
export async function recordCapture(
  trx: Knex.Transaction,
  c: { orderId: string; amountCentavos: number; providerRef: string; eventId?: string | null; reason?: string | null; actor: Actor },
  now: Date,
): Promise<boolean> {
  const written = await appendLedger(trx, { ...c, kind: 'capture', provider: 'gateway', dedupeKey: `capture:${c.providerRef}` }, now);
  if (!written) return false;
  await trx('order_payments')
    .where({ order_id: c.orderId })
    .update({ captured_centavos: trx.raw('captured_centavos + ?', [c.amountCentavos]), status: 'paid', updated_at: now });
  await queueWebhookEvent(trx, { type: 'order.paid', orderId: c.orderId, data: { provider: 'gateway', amountCentavos: c.amountCentavos, intentRef: c.providerRef } }, now);
  return true;
}

/**
 * Money taken outside the gateway: cash collected by the courier on delivery,
 * or a bank transfer staff confirmed. Captures what of the order's total is
 * not captured yet, once per order and provider.
 */
export async function recordCollection(trx: Knex.Transaction, orderId: string, provider: 'cod' | 'manual', actor: Actor, now: Date): Promise<void> {
  const order = await trx('orders').where({ id: orderId }).first('total_centavos', 'payment_method');
  const total = fromDb.int(order.total_centavos);
  const existing = await trx('order_payments').where({ order_id: orderId }).first('captured_centavos');
  if (!existing) {
    await trx('order_payments').insert({ order_id: orderId, provider, method: order.payment_method, status: 'collected', amount_centavos: total, created_at: now, updated_at: now });
  }
  const due = total - fromDb.int(existing?.captured_centavos);
  if (due <= 0) return;
  const reason = provider === 'cod' ? 'cash collected on delivery' : 'payment confirmed by staff';
  const written = await appendLedger(trx, { orderId, kind: 'capture', provider, amountCentavos: due, reason, actor, dedupeKey: `capture:${provider}:${orderId}` }, now);
  if (!written) return;
  await trx('order_payments').where({ order_id: orderId }).update({ captured_centavos: trx.raw('captured_centavos + ?', [due]), status: 'collected', updated_at: now });
  await queueWebhookEvent(trx, { type: 'order.paid', orderId, data: { provider, amountCentavos: due } }, now);
}

type Row = Record<string, unknown>;

export function toPaymentView(p: Row): PaymentView {
  return {
    provider: p.provider as PaymentProviderName,
    status: p.status as PaymentStatus,
    checkoutUrl: (p.checkout_url as string | null) ?? null,
    intentRef: (p.intent_ref as string | null) ?? null,
    amountCentavos: fromDb.int(p.amount_centavos),
    capturedCentavos: fromDb.int(p.captured_centavos),
    refundedCentavos: fromDb.int(p.refunded_centavos),
  };
}

export async function readPayments(db: Knex, orderIds: string[]): Promise<Map<string, PaymentView>> {
  if (!orderIds.length) return new Map();
  const rows: Row[] = await db('order_payments').whereIn('order_id', orderIds);
  return new Map(rows.map((r) => [String(r.order_id), toPaymentView(r)]));
}

/** An order's ledger, oldest first. */
export async function readLedger(db: Knex, orderId: string) {
  const rows: Row[] = await db('payments').where({ order_id: orderId }).orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as LedgerKind,
    provider: r.provider as PaymentProviderName,
    amountCentavos: fromDb.int(r.amount_centavos),
    providerRef: (r.provider_ref as string | null) ?? null,
    eventId: (r.event_id as string | null) ?? null,
    refundId: (r.refund_id as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    actor: { type: r.actor_type as Actor['type'], id: (r.actor_id as string | null) ?? null },
    at: fromDb.iso(r.created_at)!,
  }));
}
