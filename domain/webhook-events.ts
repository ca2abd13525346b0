import type { OrderStatus } from './order-status';

/**
 * The webhook vocabulary (docs/webhooks.md): every event type a shop system
 * can subscribe to, pure so the store (which queues), the activities (which
 * deliver) and the API (which validates subscriptions) share one list.
 * Status events are derived from the order's status change
 * (statusEventType); payment and return events are queued by their own
 * writers through store/webhook-outbox.ts.
 */
export const WEBHOOK_EVENT_TYPES = [
  'order.created',
  'order.verified',
  'order.confirmed',
  'order.processing',
  'order.shipped',
  'order.delivered',
  'order.cancelled',
  'order.expired',
  'order.failed',
  'order.paid',
  'order.payment_failed',
  'order.refunded',
  'return.requested',
  'return.approved',
  'return.rejected',
  'return.received',
  'return.refunded',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What a subscription may list besides exact types: everything, or every type under a prefix. */
export const WEBHOOK_EVENT_PATTERNS = ['*', 'order.*', 'return.*'] as const;
export type WebhookEventFilter = WebhookEventType | (typeof WEBHOOK_EVENT_PATTERNS)[number];

/** The subscription wants this event: it lists the type, its prefix pattern, or '*'. */
export function subscribesTo(filters: readonly string[], type: WebhookEventType): boolean {
  const prefix = `${type.slice(0, type.indexOf('.'))}.*`;
  return filters.some((f) => f === '*' || f === type || f === prefix);
}

/**
 * The event a status change becomes. A Record, so a status added to the
 * table without its event does not compile. Entering `pending` is
 * `order.verified` (the only way into it after creation); the first status of
 * an order, whichever it is, is `order.created`.
 */
const ENTERED: Record<OrderStatus, WebhookEventType> = {
  awaiting_verification: 'order.created',
  pending: 'order.verified',
  confirmed: 'order.confirmed',
  processing: 'order.processing',
  shipped: 'order.shipped',
  delivered: 'order.delivered',
  cancelled: 'order.cancelled',
  expired: 'order.expired',
  failed: 'order.failed',
};

export function statusEventType(from: OrderStatus | null, to: OrderStatus): WebhookEventType {
  return from === null ? 'order.created' : ENTERED[to];
}

/** pending -> delivered | dead; a resend puts a settled delivery back to pending for a new round. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
