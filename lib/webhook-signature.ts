import { createHmac } from 'node:crypto';

/**
 * The `Orderly-Signature` header of a webhook delivery (docs/webhooks.md):
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the
 * subscription's secret>`. The timestamp is inside the signed text, so a
 * receiver that refuses old timestamps also refuses replayed deliveries.
 */
export function webhookSignature(secret: string, body: string, unixSeconds: number): string {
  const hmac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${hmac}`;
}
