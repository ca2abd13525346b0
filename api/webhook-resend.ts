import type { FastifyBaseLogger } from 'fastify';
import { startWebhookDelivery } from '../lib/start-webhook-delivery';
import { reopenDelivery } from '../store/webhook-store';
import type { ApiDeps } from './context';

/**
 * Sends a delivered or dead webhook delivery again (docs/webhooks.md): a new
 * round with the same event id and body. The round is committed as pending
 * first, so if Temporal is away now the webhook sweeper starts it. For the
 * API route and any console page, so both behave alike.
 */
export async function resendWebhookDelivery({ db, client, config }: ApiDeps, id: string, log: FastifyBaseLogger): Promise<'resent' | 'pending' | 'not_found'> {
  const reopened = await reopenDelivery(db, id, new Date());
  if (typeof reopened === 'string') return reopened;
  await startWebhookDelivery(client, db, config, { id, round: reopened.round }).catch((err) =>
    log.warn({ deliveryId: id, err: String(err) }, 'resend not started; the webhook sweeper will start it'),
  );
  return 'resent';
}
