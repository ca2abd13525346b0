import { randomBytes } from 'node:crypto';
import { webhookUrlProblem } from '../../lib/webhook-url';
import {
  deleteSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  readDelivery,
  readSubscription,
  updateSubscription,
} from '../../store/webhook-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { operation, PAGE_HEADERS } from '../openapi/operation';
import { Problem } from '../problem';
import { resendWebhookDelivery } from '../webhook-resend';
import { IdParams } from '../schemas/common';
import { cursorFrom, PageQuery, pageHeaders } from '../schemas/page';
import {
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookSubscriptionPage,
  WebhookSubscriptionPatched,
  WebhookSubscriptionView,
  WebhookSubscriptionWithSecret,
} from '../schemas/webhook-views';
import { NewWebhookSubscription, WebhookDeliveriesQuery, WebhookSubscriptionPatch } from '../schemas/webhooks';

/** A fresh HMAC key: 192 random bits, prefixed so it is recognisable in a shop's configuration. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/**
 * Webhooks for shop systems (docs/webhooks.md), admin only: subscriptions
 * (the secret is shown once, when made or rotated), deliveries with every
 * attempt, and resending one.
 */
export function webhookRoutes(app: App, deps: ApiDeps): void {
  const { db, config } = deps;
  const admin = { admin: true };
  const doc = (operationId: string, summary: string, ok: Parameters<typeof operation>[0]['ok'], problems: Parameters<typeof operation>[0]['problems'] = []) =>
    operation({ operationId, summary, tags: ['webhooks'], access: 'admin', ok, problems: ['VALIDATION_ERROR', ...(problems ?? [])] });
  const subscriptionOr404 = async (id: string) =>
    (await readSubscription(db, id)) ?? Promise.reject(new Problem('WEBHOOK_SUBSCRIPTION_NOT_FOUND', `Webhook subscription ${id} not found`));
  const deliveryOr404 = async (id: string) => (await readDelivery(db, id)) ?? Promise.reject(new Problem('WEBHOOK_DELIVERY_NOT_FOUND', `Webhook delivery ${id} not found`));
  const checkUrl = (url: string | undefined) => {
    const problem = url === undefined ? null : webhookUrlProblem(url, config.webhooks.allowPrivateUrls);
    if (problem) throw new Problem('VALIDATION_ERROR', 'The URL cannot receive webhooks', [{ code: 'WEBHOOK_URL_NOT_ALLOWED', field: 'url', message: problem, severity: 'error' }]);
  };

  const create = doc('createWebhookSubscription', 'Subscribe a URL to order events', {
    status: 201,
    schema: WebhookSubscriptionWithSecret,
    description: 'The subscription with its secret, shown this once',
  });
  app.post('/v1/webhooks/subscriptions', { config: admin, schema: { ...create, body: NewWebhookSubscription } }, async (req, reply) => {
    await requireAdmin(req);
    checkUrl(req.body.url);
    const secret = req.body.secret ?? newSecret();
    const id = await insertSubscription(db, { ...req.body, secret }, new Date());
    return reply.status(201).send({ ...(await subscriptionOr404(id)), secret });
  });

  const list = doc('listWebhookSubscriptions', 'List webhook subscriptions, newest first', { schema: WebhookSubscriptionPage, description: 'One page of subscriptions', headers: PAGE_HEADERS });
  app.get('/v1/webhooks/subscriptions', { config: admin, schema: { ...list, querystring: PageQuery } }, async (req, reply) => {
    await requireAdmin(req);
    const page = await listSubscriptions(db, { limit: req.query.limit, cursor: cursorFrom(req.query.cursor) });
    pageHeaders(req, reply, page);
    return page;
  });

  const get = doc('getWebhookSubscription', 'Get a webhook subscription', { schema: WebhookSubscriptionView, description: 'The subscription, without its secret' }, [
    'WEBHOOK_SUBSCRIPTION_NOT_FOUND',
  ]);
  app.get('/v1/webhooks/subscriptions/:id', { config: admin, schema: { ...get, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return subscriptionOr404(req.params.id);
  });

  const patch = doc(
    'updateWebhookSubscription',
    'Change, pause or rotate the secret of a webhook subscription',
    { schema: WebhookSubscriptionPatched, description: 'The subscription; its secret only when it changed' },
    ['WEBHOOK_SUBSCRIPTION_NOT_FOUND'],
  );
  app.patch('/v1/webhooks/subscriptions/:id', { config: admin, schema: { ...patch, params: IdParams, body: WebhookSubscriptionPatch } }, async (req) => {
    await requireAdmin(req);
    const { rotateSecret, ...changes } = req.body;
    checkUrl(changes.url);
    const secret = rotateSecret ? newSecret() : changes.secret;
    if (!(await updateSubscription(db, req.params.id, { ...changes, secret }, new Date()))) await subscriptionOr404(req.params.id);
    return { ...(await subscriptionOr404(req.params.id)), ...(secret ? { secret } : {}) };
  });

  const remove = doc(
    'deleteWebhookSubscription',
    'Delete a webhook subscription',
    { schema: WebhookSubscriptionView, description: 'The subscription as it was; its pending deliveries are given up' },
    ['WEBHOOK_SUBSCRIPTION_NOT_FOUND'],
  );
  app.delete('/v1/webhooks/subscriptions/:id', { config: admin, schema: { ...remove, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    const subscription = await subscriptionOr404(req.params.id);
    // Deleted by someone else since the read: the same answer as for an unknown id.
    if (!(await deleteSubscription(db, req.params.id, new Date()))) await subscriptionOr404(req.params.id);
    return { ...subscription, active: false };
  });

  const deliveries = doc('listWebhookDeliveries', 'List webhook deliveries, newest first', { schema: WebhookDeliveryPage, description: 'One page of deliveries', headers: PAGE_HEADERS });
  app.get('/v1/webhooks/deliveries', { config: admin, schema: { ...deliveries, querystring: WebhookDeliveriesQuery } }, async (req, reply) => {
    await requireAdmin(req);
    const { cursor, ...filter } = req.query;
    const page = await listDeliveries(db, { ...filter, cursor: cursorFrom(cursor) });
    pageHeaders(req, reply, page);
    return page;
  });

  const delivery = doc('getWebhookDelivery', 'Get a webhook delivery with its body and every attempt', { schema: WebhookDeliveryDetail, description: 'The delivery' }, [
    'WEBHOOK_DELIVERY_NOT_FOUND',
  ]);
  app.get('/v1/webhooks/deliveries/:id', { config: admin, schema: { ...delivery, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return deliveryOr404(req.params.id);
  });

  const resend = doc(
    'resendWebhookDelivery',
    'Send a delivered or dead webhook delivery again',
    { schema: WebhookDeliveryDetail, description: 'The delivery, pending in a new round: the same event id and body' },
    ['WEBHOOK_DELIVERY_NOT_FOUND', 'WEBHOOK_DELIVERY_PENDING'],
  );
  app.post('/v1/webhooks/deliveries/:id/resend', { config: admin, schema: { ...resend, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    const outcome = await resendWebhookDelivery(deps, req.params.id, req.log);
    if (outcome === 'pending') throw new Problem('WEBHOOK_DELIVERY_PENDING', `Webhook delivery ${req.params.id} is still being delivered`);
    return deliveryOr404(req.params.id);
  });
}
