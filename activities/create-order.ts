import { ApplicationFailure } from '@temporalio/activity';
import type { PlacedOrderRequest } from '../domain/order-request';
import type { OrderStatus } from '../domain/order-status';
import type { OrderView } from '../domain/order-view';
import { insertOrder, OrderRefused, type NewOrder } from '../store/insert-order';
import { readOrderView } from '../store/order-store';
import { queuedWebhookEvents } from '../store/webhook-outbox';
import type { FailureType, OrderWorkflowInput } from '../workflows/contract';
import type { NotificationEvent } from '../domain/notifications';
import { clock, type ActivityDeps } from './deps';
import type { NotificationTransports } from './notifications/transports';
import { bookStep, startStepNotifications, type StepBookkeeping } from './step-bookkeeping';
import { startOrderWebhooks } from './webhooks/start-deliveries';
import type { ValidationOutcome } from './validate-order';

export interface CreateOrderInput {
  orderId: string;
  request: PlacedOrderRequest;
  requestHash: string;
  origin: OrderWorkflowInput['origin'];
  validation: ValidationOutcome & { ok: true };
  status: OrderStatus;
  expiresAt: string;
  /** record the creation's timings and queue its notifications in the same transaction (workflows since 2026-11-30) */
  bookkeeping?: StepBookkeeping & { validatingMs: number };
}

const REJECTED: FailureType = 'ORDER_REJECTED';

/**
 * Creates the order and reserves its stock and promo in ONE transaction
 * (store/insert-order.ts), with the creation's timings and notifications when
 * asked (step-bookkeeping.ts), and its order.created webhook event (started
 * after the commit). Idempotency key: the order id (a retry finds the
 * order and returns it). Stock or promo gone since validation rolls it all
 * back and raises a non-retryable ORDER_REJECTED carrying every issue, with
 * the codes validation uses (PRODUCT_UNAVAILABLE, INSUFFICIENT_STOCK, ...).
 */
export function createOrder(deps: ActivityDeps, transports: NotificationTransports) {
  return async (input: CreateOrderInput): Promise<OrderView> => {
    const started = Date.now();
    const b = input.bookkeeping;
    const events: NotificationEvent[] = input.status === 'awaiting_verification' ? ['created', 'verification_required'] : ['created'];
    let toSend: NotificationEvent[] = [];
    let webhooksToStart = true;
    try {
      await deps.db.transaction(async (trx) => {
        const now = clock(deps);
        const created = await insertOrder(trx, newOrder(input), now);
        if (b) toSend = await bookStep(trx, transports, input.orderId, { validatingMs: b.validatingMs, reservingMs: Date.now() - started }, events, now);
        // A retry that finds the order looks anyway: the first attempt's starts may have been lost.
        webhooksToStart = !created || queuedWebhookEvents(trx);
      });
    } catch (err) {
      if (err instanceof OrderRefused) throw ApplicationFailure.nonRetryable(err.message, REJECTED, err.issues);
      throw err;
    }
    if (b) await startStepNotifications(deps, input.orderId, toSend, b.notify);
    if (webhooksToStart) await startOrderWebhooks(deps, input.orderId);
    return (await readOrderView(deps.db, input.orderId))!;
  };
}

function newOrder(input: CreateOrderInput): NewOrder {
  const { request, validation: v, origin } = input;
  return {
    id: input.orderId,
    customerId: request.customerId,
    status: input.status,
    paymentMethod: request.paymentMethod,
    totals: v.totals,
    promo: v.promoId ? { id: v.promoId, code: request.promoCode!.trim().toUpperCase(), perCustomerLimit: v.perCustomerLimit } : null,
    shippingAddress: { ...request.shippingAddress, phone: v.phoneE164 ?? request.shippingAddress.phone },
    psgc: v.psgc,
    requiresVerification: v.requiresVerification,
    warnings: v.warnings.map(({ code, field, message }) => ({ code, field, message })),
    notes: request.notes ?? null,
    source: request.source,
    clientIp: origin.clientIp,
    userAgent: origin.userAgent,
    idempotencyKey: origin.idempotencyKey,
    requestHash: input.requestHash,
    reservationExpiresAt: new Date(input.expiresAt),
    lines: v.lines,
    actor: origin.actor,
    reason: v.requiresVerification ? 'order placed; held for verification' : 'order placed',
  };
}
