import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readLedger } from '../../store/payment-ledger';
import { listRefunds, readRefund } from '../../store/refund-store';
import { readOrderView } from '../../store/order-store';
import { providerFrom } from '../../lib/payments/provider-from-config';
import { actorOf, authenticate, requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { visibleOrderId } from '../order-access';
import { receiveGatewayWebhook } from '../payment-webhook';
import { Problem } from '../problem';
import { requestRefund } from '../refund-service';
import { bearer, IdParams } from '../schemas/common';
import { MoneyIdempotencyHeaders, RefundBody, WebhookParams } from '../schemas/payments';

/** The gateway's webhooks, an order's payment ledger and its refunds (docs/payments.md). */
export async function paymentRoutes(app: App, deps: ApiDeps): Promise<void> {
  const { db } = deps;
  const provider = providerFrom(deps.config.payments);

  // The signature covers the exact bytes sent: this route reads its body as text, checks it, then parses it.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post(
      '/v1/payments/webhooks/:provider',
      { config: { public: true }, schema: { tags: ['payments'], params: WebhookParams, description: 'Signed webhooks from the payment gateway (no bearer token: HMAC-SHA256 signature)' } },
      async (req) => {
        if (!provider || req.params.provider !== 'gateway') throw new Problem('NOT_FOUND', 'No payment gateway of that name is configured');
        return receiveGatewayWebhook(deps, provider, req, typeof req.body === 'string' ? req.body : '');
      },
    );
  });

  app.get('/v1/orders/:id/payments', { schema: { tags: ['payments'], security: bearer, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const orderId = await visibleOrderId(db, claims, req.params.id);
    const order = await readOrderView(db, orderId);
    return { payment: order?.payment ?? null, ledger: await readLedger(db, orderId), refunds: await listRefunds(db, orderId) };
  });

  app.post(
    '/v1/orders/:id/refunds',
    { config: { admin: true }, schema: { tags: ['payments'], security: bearer, params: IdParams, headers: MoneyIdempotencyHeaders, body: RefundBody } },
    async (req, reply) => {
      const claims = await requireAdmin(req);
      const orderId = await visibleOrderId(db, claims, req.params.id);
      const refund = await requestRefund(deps, orderId, actorOf(claims), req.body, req.headers['idempotency-key']);
      return reply.status(201).send(refund);
    },
  );

  app.get('/v1/orders/:id/refunds', { schema: { tags: ['payments'], security: bearer, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const orderId = await visibleOrderId(db, claims, req.params.id);
    return { data: await listRefunds(db, orderId) };
  });

  app.get('/v1/refunds/:id', { config: { admin: true }, schema: { tags: ['payments'], security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    const refund = await readRefund(db, req.params.id);
    if (!refund) throw new Problem('NOT_FOUND', `Refund ${req.params.id} not found`);
    return refund;
  });
}
