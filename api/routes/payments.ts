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
import { IdParams } from '../schemas/common';
import { operation } from '../openapi/operation';
import { OrderPaymentsView, RefundList, RefundView, WebhookAck } from '../schemas/payment-views';
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
      {
        config: { public: true },
        schema: {
          ...operation({
            operationId: 'receivePaymentWebhook',
            summary: "The payment gateway's signed webhook",
            description: 'For the gateway, not for shops: no bearer token; the x-orderly-signature header (HMAC-SHA256 over timestamp and body) is checked instead. Idempotent by event id.',
            tags: ['payments'],
            access: 'public',
            ok: { schema: WebhookAck, description: 'Recorded (or already recorded) and passed to the order' },
            problems: ['WEBHOOK_SIGNATURE_INVALID', 'NOT_FOUND', 'VALIDATION_ERROR'],
          }),
          params: WebhookParams,
        },
      },
      async (req) => {
        if (!provider || req.params.provider !== 'gateway') throw new Problem('NOT_FOUND', 'No payment gateway of that name is configured');
        return receiveGatewayWebhook(deps, provider, req, typeof req.body === 'string' ? req.body : '');
      },
    );
  });

  const getPayments = operation({
    operationId: 'getOrderPayments',
    summary: "An order's payment, its ledger (oldest first) and its refunds",
    tags: ['payments'],
    access: 'customer',
    ok: { schema: OrderPaymentsView, description: 'The payment summary, every ledger entry and every refund' },
    problems: ['VALIDATION_ERROR', 'ORDER_NOT_FOUND'],
  });
  app.get('/v1/orders/:id/payments', { schema: { ...getPayments, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const orderId = await visibleOrderId(db, claims, req.params.id);
    const order = await readOrderView(db, orderId);
    return { payment: order?.payment ?? null, ledger: await readLedger(db, orderId), refunds: await listRefunds(db, orderId) };
  });

  app.post(
    '/v1/orders/:id/refunds',
    {
      config: { admin: true },
      schema: {
        ...operation({
          operationId: 'refundOrder',
          summary: 'Refund part or all of what an order was paid, by amount, with a reason',
          description: 'Idempotency-Key required: a resend with the same key and body answers the same refund. Never more than captured and not yet refunded.',
          tags: ['payments'],
          access: 'admin',
          ok: { status: 201, schema: RefundView, description: 'The refund, pending until the provider paid it back' },
          problems: ['VALIDATION_ERROR', 'ORDER_NOT_FOUND', 'REFUND_EXCEEDS_CAPTURED', 'IDEMPOTENCY_KEY_REUSED'],
        }),
        params: IdParams,
        headers: MoneyIdempotencyHeaders,
        body: RefundBody,
      },
    },
    async (req, reply) => {
      const claims = await requireAdmin(req);
      const orderId = await visibleOrderId(db, claims, req.params.id);
      const refund = await requestRefund(deps, orderId, actorOf(claims), req.body, req.headers['idempotency-key']);
      return reply.status(201).send(refund);
    },
  );

  const listRefundsOp = operation({ operationId: 'listOrderRefunds', summary: "An order's refunds, oldest first", tags: ['payments'], access: 'customer', ok: { schema: RefundList, description: 'The refunds' }, problems: ['VALIDATION_ERROR', 'ORDER_NOT_FOUND'] });
  app.get('/v1/orders/:id/refunds', { schema: { ...listRefundsOp, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const orderId = await visibleOrderId(db, claims, req.params.id);
    return { data: await listRefunds(db, orderId) };
  });

  const getRefundOp = operation({ operationId: 'getRefund', summary: 'One refund', tags: ['payments'], access: 'admin', ok: { schema: RefundView, description: 'The refund' }, problems: ['VALIDATION_ERROR', 'NOT_FOUND'] });
  app.get('/v1/refunds/:id', { config: { admin: true }, schema: { ...getRefundOp, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    const refund = await readRefund(db, req.params.id);
    if (!refund) throw new Problem('NOT_FOUND', `Refund ${req.params.id} not found`);
    return refund;
  });
}
