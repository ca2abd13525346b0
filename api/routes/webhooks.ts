import { randomBytes } from 'node:crypto';
import { startWebhookDelivery } from '../../lib/start-webhook-delivery';
import { webhookUrlProblem } from '../../lib/webhook-url';
import {
  deleteSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  readDelivery,
  readSubscription,
  reopenDelivery,
  updateSubscription,
} from '../../store/webhook-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { bearer, IdParams } from '../schemas/common';
import { cursorFrom, PageQuery } from '../schemas/page';
import { NewWebhookSubscription, WebhookDeliveriesQuery, WebhookSubscriptionPatch } from '../schemas/webhooks';

/** A fresh HMAC key: 192 random bits, prefixed so it is recognisable in a shop's configuration. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/**
 * Webhooks for shop systems (docs/webhooks.md), admin only: subscriptions
 * (the secret is shown once, when made or rotated), deliveries with every
 * attempt, and resending one.
 */
export function webhookRoutes(app: App, { db, client, config }: ApiDeps): void {
  const tags = ['webhooks'];
  const admin = { admin: true };
  const subscriptionOr404 = async (id: string) =>
    (await readSubscription(db, id)) ?? Promise.reject(new Problem('WEBHOOK_SUBSCRIPTION_NOT_FOUND', `Webhook subscription ${id} not found`));
  const deliveryOr404 = async (id: string) => (await readDelivery(db, id)) ?? Promise.reject(new Problem('WEBHOOK_DELIVERY_NOT_FOUND', `Webhook delivery ${id} not found`));
  const checkUrl = (url: string | undefined) => {
    const problem = url === undefined ? null : webhookUrlProblem(url, config.webhooks.allowPrivateUrls);
    if (problem) throw new Problem('VALIDATION_ERROR', 'The URL cannot receive webhooks', [{ code: 'WEBHOOK_URL_NOT_ALLOWED', field: 'url', message: problem, severity: 'error' }]);
  };

  app.post('/v1/webhooks/subscriptions', { config: admin, schema: { tags, security: bearer, body: NewWebhookSubscription } }, async (req, reply) => {
    await requireAdmin(req);
    checkUrl(req.body.url);
    const secret = req.body.secret ?? newSecret();
    const id = await insertSubscription(db, { ...req.body, secret }, new Date());
    return reply.status(201).send({ ...(await subscriptionOr404(id)), secret });
  });

  app.get('/v1/webhooks/subscriptions', { config: admin, schema: { tags, security: bearer, querystring: PageQuery } }, async (req) => {
    await requireAdmin(req);
    return listSubscriptions(db, { limit: req.query.limit, cursor: cursorFrom(req.query.cursor) });
  });

  app.get('/v1/webhooks/subscriptions/:id', { config: admin, schema: { tags, security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return subscriptionOr404(req.params.id);
  });

  app.patch('/v1/webhooks/subscriptions/:id', { config: admin, schema: { tags, security: bearer, params: IdParams, body: WebhookSubscriptionPatch } }, async (req) => {
    await requireAdmin(req);
    const { rotateSecret, ...changes } = req.body;
    checkUrl(changes.url);
    const secret = rotateSecret ? newSecret() : changes.secret;
    if (!(await updateSubscription(db, req.params.id, { ...changes, secret }, new Date()))) await subscriptionOr404(req.params.id);
    return { ...(await subscriptionOr404(req.params.id)), ...(secret ? { secret } : {}) };
  });

  app.delete('/v1/webhooks/subscriptions/:id', { config: admin, schema: { tags, security: bearer, params: IdParams } }, async (req, reply) => {
    await requireAdmin(req);
    if (!(await deleteSubscription(db, req.params.id, new Date()))) await subscriptionOr404(req.params.id);
    return reply.status(204).send();
  });

  app.get('/v1/webhooks/deliveries', { config: admin, schema: { tags, security: bearer, querystring: WebhookDeliveriesQuery } }, async (req) => {
    await requireAdmin(req);
    const { cursor, ...filter } = req.query;
    return listDeliveries(db, { ...filter, cursor: cursorFrom(cursor) });
  });

  app.get('/v1/webhooks/deliveries/:id', { config: admin, schema: { tags, security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return deliveryOr404(req.params.id);
  });

  app.post('/v1/webhooks/deliveries/:id/resend', { config: admin, schema: { tags, security: bearer, params: IdParams } }, async (req, reply) => {
    await requireAdmin(req);
    const reopened = await reopenDelivery(db, req.params.id, new Date());
    if (reopened === 'not_found') await deliveryOr404(req.params.id);
    if (reopened === 'pending') throw new Problem('WEBHOOK_DELIVERY_PENDING', `Webhook delivery ${req.params.id} is still being delivered`);
    if (typeof reopened === 'object') {
      // Committed as pending first: if Temporal is away now, the webhook sweeper starts it.
      await startWebhookDelivery(client, db, config, { id: req.params.id, round: reopened.round }).catch((err) =>
        req.log.warn({ deliveryId: req.params.id, err: String(err) }, 'resend not started; the webhook sweeper will start it'),
      );
    }
    return reply.status(202).send(await deliveryOr404(req.params.id));
  });
}
