import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Issue } from '../domain/error-codes';
import type { NotificationEvent, NotificationStatus } from '../domain/notifications';
import type { PaymentEvent } from '../domain/payments';
import type { PlacedOrderRequest } from '../domain/order-request';
import { ORDER_ACTIONS, type OrderAction, type OrderStatus } from '../domain/order-status';
import type { Actor, OrderView } from '../domain/order-view';

/**
 * What the API, the workflows and the activities share about Orderly's
 * workflows, in one place: workflow ids, inputs and results, the messages
 * (Updates, Signals, Queries), the search attributes and the closed list of
 * failure types. Deterministic definitions only, safe in the workflow sandbox.
 */

// ---- Failure types ---------------------------------------------------------

/**
 * The one closed list of failure types that cross the Temporal boundary
 * (ApplicationFailure.type). Activities raise them, the order workflow raises
 * them to the callers of its Updates, and api/temporal-errors.ts maps each to
 * an HTTP answer by type (an exhaustive switch): never by message text.
 */
export const FAILURE_TYPES = [
  /** Business rules refused the order while reserving (stock or promo gone meanwhile); details[0] holds the issues. */
  'ORDER_REJECTED',
  /** The order could not be created for a passing reason (database down past the retries); nothing was kept: safe to retry. */
  'ORDER_NOT_CREATED',
  /** A step failed for good after its retries; the order is now `failed`, compensated and flagged. */
  'ORDER_FAILED',
  /** The order's status does not allow the action; nothing changed. */
  'INVALID_STATE_TRANSITION',
  /** The same Idempotency-Key came with another request body. */
  'IDEMPOTENCY_KEY_REUSED',
  /** An action's input is incomplete (ship without a carrier). */
  'VALIDATION_ERROR',
  /** The database refused a value for good (too long, out of range): retrying cannot help (workers/permanent-errors.ts). */
  'DATA_REFUSED',
  /** The worker was started without something it needs (a Temporal client for the sweeper). */
  'MISCONFIGURED',
  /** The payment provider refused a request for good (a refund of more than it holds, an unknown intent): retrying cannot help. */
  'PROVIDER_REFUSED',
] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

export const isFailureType = (type: string | undefined | null): type is FailureType => FAILURE_TYPES.includes(type as FailureType);

// ---- Search attributes -----------------------------------------------------

/**
 * Custom search attributes that let operators find orders in the Temporal
 * Web UI (e.g. `OrderStatus = "pending"`). No personal data goes here.
 * The names and types are registered on the dev server at start.
 */
export const OrderStatusKey = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const CustomerIdKey = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const OrderTotalKey = defineSearchAttributeKey('OrderTotal', SearchAttributeType.INT);
export const PaymentMethodKey = defineSearchAttributeKey('PaymentMethod', SearchAttributeType.KEYWORD);
export const NeedsAttentionKey = defineSearchAttributeKey('NeedsAttention', SearchAttributeType.BOOL);

/** Name -> CLI type, for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTES: Record<string, string> = {
  OrderStatus: 'Keyword',
  CustomerId: 'Keyword',
  OrderTotal: 'Int',
  PaymentMethod: 'Keyword',
  NeedsAttention: 'Bool',
};

// ---- The order workflow: id, input, result ---------------------------------

/** Everything an order workflow is started with; TTLs are inputs so tests can use seconds. */
export interface OrderWorkflowInput {
  orderId: string;
  request: PlacedOrderRequest;
  requestHash: string;
  origin: { clientIp: string | null; userAgent: string | null; idempotencyKey: string | null; actor: Actor };
  reservationTtlSeconds: number;
  verificationTtlSeconds: number;
  notify: NotifyOptions;
  /**
   * Set by every API since 2026-11-30 (docs/versioning.md, "Decided by the
   * input"): the order runs with each step's bookkeeping inside the step,
   * decided from the input instead of patched('fold-bookkeeping-into-steps'),
   * which costs every order a marker and a TemporalChangeVersion
   * search-attribute upsert. Absent in orders placed before: they ask the patch.
   */
  bookkeepingInSteps?: true;
}

export interface OrderWorkflowResult {
  orderId: string;
  requestHash: string;
  status: OrderStatus | 'rejected';
}

export const orderWorkflowId = (orderId: string): string => `order-${orderId}`;

// ---- The order workflow: messages ------------------------------------------

/**
 * The order workflow's messages, imported by the workflow and by the API.
 * Every admin action is an Update (with a validator, so a refused action is
 * answered at once) and a Signal of the same name, so an operator can send
 * it from the Temporal Web UI or CLI.
 */
export type CreationOutcome =
  | { ok: true; order: OrderView }
  | { ok: false; errors: Issue[] };

/** Update-with-Start's update: waits until the order is validated and reserved (or rejected). */
export const placeOrderUpdate = defineUpdate<CreationOutcome, [{ requestHash: string }]>('placeOrder');

export interface ActionInput {
  actor?: Actor;
  reason?: string;
  carrier?: string;
  trackingNumber?: string;
  requestIp?: string;
  userAgent?: string;
  /** the gateway event behind a pay / payment_fail / expire the workflow queued itself */
  payment?: PaymentEvent;
}

/** One Update and one Signal per action, named after it; the workflow handles those of REQUESTABLE_ACTIONS. */
export const actionUpdates = Object.fromEntries(
  ORDER_ACTIONS.map((a) => [a, defineUpdate<OrderView, [ActionInput]>(a)]),
) as Record<OrderAction, ReturnType<typeof defineUpdate<OrderView, [ActionInput]>>>;

export const actionSignals = Object.fromEntries(
  ORDER_ACTIONS.map((a) => [a, defineSignal<[ActionInput?]>(a)]),
) as Record<OrderAction, ReturnType<typeof defineSignal<[ActionInput?]>>>;

/**
 * A verified payment provider event (authorized / paid / failed / expired), sent by the API's webhook
 * endpoint after recording it on the ledger. The workflow acts on each event id once.
 */
export const paymentSignal = defineSignal<[PaymentEvent]>('payment');

export const statusQuery = defineQuery<{ status: OrderStatus | 'validating' | 'rejected'; needsAttention: boolean }>('status');

// ---- The notification workflow: id, input, result --------------------------

/** Delivery retries, from NOTIFY_MAX_ATTEMPTS and NOTIFY_INITIAL_BACKOFF_MS; inputs, so tests use milliseconds. */
export interface NotifyOptions {
  maxAttempts: number;
  initialBackoffMs: number;
}

export interface NotificationWorkflowInput extends NotifyOptions {
  orderId: string;
  event: NotificationEvent;
}

/** Each notification's final status, by notification id. */
export type NotificationWorkflowResult = Record<string, Exclude<NotificationStatus, 'queued'>>;

/** One run per order event: a second notify of the same event attaches to it instead of sending twice. */
export const notificationWorkflowId = (orderId: string, event: NotificationEvent): string => `notify-${orderId}-${event}`;

// ---- The refund workflow: id, input ----------------------------------------

/** Retries are inputs (REFUND_MAX_ATTEMPTS, REFUND_INITIAL_BACKOFF_MS), so tests use milliseconds. */
export interface RefundWorkflowInput {
  refundId: string;
  orderId: string;
  maxAttempts: number;
  initialBackoffMs: number;
}

/** One workflow per refund: starting it again for the same refund attaches to nothing new. */
export const refundWorkflowId = (refundId: string): string => `refund-${refundId}`;

// ---- The webhook delivery workflow: id, input, result ----------------------

/** One round of one webhook delivery; retries from WEBHOOK_* config, inputs so tests use milliseconds. */
export interface WebhookDeliveryInput {
  deliveryId: string;
  /** 1, then one more per resend */
  round: number;
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** How the round ended: delivered, dead, or already settled when it started (stale: a later round exists). */
export type WebhookDeliveryResult = 'delivered' | 'dead' | 'stale';

/** One run per delivery and round: starting it again (a retried step, the sweeper) attaches to it instead of sending twice. */
export const webhookDeliveryWorkflowId = (deliveryId: string, round: number): string => `webhook-${deliveryId}-${round}`;
