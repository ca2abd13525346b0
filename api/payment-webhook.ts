import { WorkflowNotFoundError } from '@temporalio/common';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { refundLatePayment } from '../activities/payments/late-payment';
import { startOrderWebhooks } from '../activities/webhooks/start-deliveries';
import type { PaymentProvider } from '../lib/payments/payment-provider';
import { orderOfIntent, recordGatewayEvent } from '../store/payment-ledger';
import { orderWorkflowId, paymentSignal } from '../workflows/contract';
import type { ApiDeps } from './context';
import { Problem } from './problem';
import { temporalProblem } from './temporal-errors';

/**
 * One webhook from the gateway: the signature (HMAC over timestamp and body,
 * within the tolerance) is checked before anything is read; the event is
 * recorded on the ledger once per event id; then the order's workflow is
 * told. A resend of the same event records nothing new and tells the
 * workflow again, which acts on each event id once, so a delivery lost
 * between the two steps is completed by the gateway's retry. Once the
 * order's workflow is gone, a payment that brought money is refunded here.
 */
export async function receiveGatewayWebhook(deps: ApiDeps, provider: PaymentProvider, req: FastifyRequest, rawBody: string): Promise<{ received: true; orderId: string | null }> {
  const verified = provider.verifyWebhook(req.headers, rawBody);
  if (!verified.ok) {
    req.log.warn({ why: verified.why }, 'payment webhook refused');
    throw new Problem('WEBHOOK_SIGNATURE_INVALID', 'The webhook is not signed by the configured payment gateway');
  }
  const { reference: _claimed, ...event } = verified.event;
  const orderId = await orderOfIntent(deps.db, event.intentRef);
  if (!orderId) {
    // Signed by the gateway but not one of ours (another shop on the account, a test event): acknowledged, ignored.
    req.log.warn({ intentRef: event.intentRef, eventId: event.eventId }, 'payment webhook for an unknown intent');
    return { received: true, orderId: null };
  }
  await recordGatewayEvent(deps.db, orderId, event, new Date());
  // The shops' order.paid / order.payment_failed, queued with the ledger row: sent after the commit, never in the way.
  await startOrderWebhooks({ db: deps.db, config: deps.config, log: req.log as unknown as Logger, temporal: deps.client }, orderId);
  try {
    await deps.client.workflow.getHandle(orderWorkflowId(orderId)).signal(paymentSignal, event);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw temporalProblem(err, 'Passing the payment to the order');
    await refundLatePayment({ db: deps.db, temporal: deps.client, config: deps.config }, orderId, event, new Date());
  }
  return { received: true, orderId };
}
