import { ApplicationFailure, Context } from '@temporalio/activity';
import type { WebhookDeliveryStatus } from '../../domain/webhook-events';
import { fromDb } from '../../lib/db';
import { webhookSignature } from '../../lib/webhook-signature';
import type { ActivityDeps } from '../deps';
import { postWebhook, WebhookUrlRefused } from './post-webhook';
import { recordWebhookAttempt } from './record-webhook-attempt';

/**
 * One attempt of one round of a webhook delivery: POSTs the event's stored
 * body to the subscription's URL, signed with its current secret
 * (lib/webhook-signature.ts), and records the attempt (status code, error,
 * duration) numbered by Temporal's attempt. A 2xx answer is delivered; any
 * other answer, or none, is recorded and thrown as a retryable
 * WEBHOOK_SEND_FAILED, so Temporal retries with the workflow's backoff.
 * Not retried: an unknown delivery, a subscription paused or deleted, a URL
 * that leads to a private address (WEBHOOK_URL_REFUSED). A delivery no longer
 * pending in this round is not sent again and its status is returned. At
 * least once: a crash between the answer and the row sends it again, with
 * the same event id.
 */
export function sendWebhook(deps: ActivityDeps) {
  return async (deliveryId: string, round: number): Promise<WebhookDeliveryStatus | 'stale'> => {
    const d = await deps
      .db('webhook_deliveries as d')
      .join('webhook_events as e', 'e.id', 'd.event_id')
      .join('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .where('d.id', deliveryId)
      .first('d.status', 'd.round', 'd.event_id', 'e.type', 'e.payload', 's.url', 's.secret', 's.active', 's.deleted_at');
    if (!d) throw ApplicationFailure.nonRetryable(`webhook delivery ${deliveryId} not found`, 'WEBHOOK_DELIVERY_NOT_FOUND');
    if (Number(d.round) !== round) return 'stale';
    if (d.status !== 'pending') return d.status as WebhookDeliveryStatus;
    if (d.deleted_at || !fromDb.bool(d.active)) {
      throw ApplicationFailure.nonRetryable(`the subscription is ${d.deleted_at ? 'deleted' : 'paused'}`, 'WEBHOOK_SUBSCRIPTION_INACTIVE');
    }
    const { attempt } = Context.current().info;
    const body = String(d.payload);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Orderly-Webhooks/1',
      'orderly-event-id': String(d.event_id),
      'orderly-event-type': String(d.type),
      'orderly-delivery-id': deliveryId,
      'orderly-delivery-attempt': String(attempt),
      'orderly-signature': webhookSignature(String(d.secret), body, Math.floor(Date.now() / 1000)),
    };
    const { timeoutMs, allowPrivateUrls } = deps.config.webhooks;
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      statusCode = await postWebhook(String(d.url), body, headers, { timeoutMs, allowPrivateUrls, signal: Context.current().cancellationSignal });
      if (statusCode < 200 || statusCode > 299) error = `the subscriber answered ${statusCode}`;
    } catch (err) {
      error = describe(err);
      if (err instanceof WebhookUrlRefused) {
        await recordWebhookAttempt(deps, deliveryId, round, attempt, { statusCode, error, durationMs: Date.now() - started });
        throw ApplicationFailure.nonRetryable(error, 'WEBHOOK_URL_REFUSED');
      }
    }
    await recordWebhookAttempt(deps, deliveryId, round, attempt, { statusCode, error, durationMs: Date.now() - started });
    if (error) throw ApplicationFailure.retryable(error, 'WEBHOOK_SEND_FAILED');
    return 'delivered';
  };
}

/** Sockets hide the useful part (ECONNREFUSED, ...) in the code or the cause. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: string }).code;
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${code && !err.message.includes(code) ? `${code} ` : ''}${err.message}${cause}`;
}
