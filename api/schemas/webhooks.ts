import { z } from 'zod';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_PATTERNS, WEBHOOK_EVENT_TYPES } from '../../domain/webhook-events';
import { PageQuery } from './page';

const url = z.url({ protocol: /^https?$/, error: 'an http or https URL' }).max(2048);
const events = z.array(z.enum([...WEBHOOK_EVENT_TYPES, ...WEBHOOK_EVENT_PATTERNS])).min(1).max(50);
// Printable ASCII: it is an HMAC key that shops paste into their own configuration. The length is in the
// pattern (not minLength), so generators of the OpenAPI document (the fuzz test) produce fitting secrets.
const secret = z.string().regex(/^[\x21-\x7e]{16,128}$/, '16 to 128 printable ASCII characters, no spaces');
const description = z.string().trim().max(200).nullable();

/** A new subscription; the secret is generated when not given, and shown once in the answer. */
export const NewWebhookSubscription = z.strictObject({
  url,
  events: events.default(['*']),
  secret: secret.optional(),
  active: z.boolean().default(true),
  description: description.default(null),
});

/** What may change; `rotateSecret` makes a new secret (shown once in the answer). */
export const WebhookSubscriptionPatch = z
  .strictObject({ url, events, secret, rotateSecret: z.literal(true), active: z.boolean(), description })
  .partial()
  .refine((p) => !(p.secret && p.rotateSecret), { message: 'give a secret or ask for a new one, not both', path: ['rotateSecret'] });

export const WebhookDeliveriesQuery = PageQuery.extend({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  subscriptionId: z.string().min(1).max(64).optional(),
  orderId: z.string().min(1).max(64).optional(),
});
