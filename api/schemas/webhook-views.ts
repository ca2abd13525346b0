import { z } from 'zod';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_PATTERNS, WEBHOOK_EVENT_TYPES } from '../../domain/webhook-events';
import { id, instant, nextCursor } from './response-common';

/** What webhook routes answer (store/webhook-store.ts); strict, so a field not listed here is never sent. */
const EventType = z.enum(WEBHOOK_EVENT_TYPES).meta({ id: 'WebhookEventType' });

export const WebhookSubscriptionView = z
  .strictObject({
    id,
    url: z.string(),
    events: z.array(z.union([EventType, z.enum(WEBHOOK_EVENT_PATTERNS)])).describe("Event types, or patterns: '*', 'order.*', 'return.*'"),
    active: z.boolean(),
    description: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'WebhookSubscription' });

/** Only when made or rotated: the secret is never shown again. */
export const WebhookSubscriptionWithSecret = WebhookSubscriptionView.extend({
  secret: z.string().describe('The HMAC-SHA256 key of Orderly-Signature; shown only now, keep it'),
}).meta({ id: 'WebhookSubscriptionWithSecret' });

/** PATCH answers the secret only when it changed. */
export const WebhookSubscriptionPatched = WebhookSubscriptionView.extend({ secret: z.string().optional() });

export const WebhookSubscriptionPage = z.strictObject({ data: z.array(WebhookSubscriptionView), nextCursor });

export const WebhookDeliveryView = z
  .strictObject({
    id,
    eventId: id.describe('The Orderly-Event-Id header: the same on every attempt and resend, for deduplication'),
    eventType: EventType,
    orderId: id,
    subscriptionId: id,
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    round: z.number().int().describe('1, then one more per resend'),
    attemptCount: z.number().int().describe('Attempts over every round'),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
    deliveredAt: instant.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookDeliveryPage = z.strictObject({ data: z.array(WebhookDeliveryView), nextCursor });

export const WebhookDeliveryDetail = WebhookDeliveryView.extend({
  payload: z.record(z.string(), z.unknown()).describe('The body POSTed on every attempt: { id, type, createdAt, orderId, data }'),
  attempts: z.array(
    z.strictObject({
      round: z.number().int(),
      attemptNo: z.number().int(),
      statusCode: z.number().int().nullable().describe('null when no answer came'),
      error: z.string().nullable().describe('null when delivered'),
      durationMs: z.number().int(),
      at: instant,
    }),
  ),
}).meta({ id: 'WebhookDeliveryDetail' });
