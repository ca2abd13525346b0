import { z } from 'zod';
import { PAYMENT_OUTCOMES } from '../../domain/payments';
import { ProviderRefused, type PaymentProvider } from './payment-provider';
import { SIGNATURE_HEADER, signatureProblem } from './webhook-signature';

export interface GatewayConfig {
  /** base URL of the gateway's API, e.g. https://api.gateway.ph (or the local provider server) */
  url: string;
  /** the merchant's secret API key, sent as a bearer token */
  secretKey: string;
  /** the secret the gateway signs its webhooks with */
  webhookSecret: string;
  /** how old a webhook's signed timestamp may be */
  toleranceSeconds: number;
  /** per request */
  timeoutMs?: number;
}

/** The gateway's webhook body: `{ id, type: "payment.<outcome>", data: {...} }`. */
const WebhookBody = z.object({
  id: z.string().min(1).max(128),
  type: z.enum(PAYMENT_OUTCOMES.map((o) => `payment.${o}` as const) as [`payment.${(typeof PAYMENT_OUTCOMES)[number]}`]),
  data: z.object({
    paymentIntentId: z.string().min(1).max(128),
    reference: z.string().max(128).nullable().default(null),
    amountCentavos: z.number().int().nonnegative(),
    failureReason: z.string().max(500).nullable().default(null),
  }),
});

const Intent = z.object({ id: z.string(), checkoutUrl: z.string() });
const Capture = z.object({ id: z.string(), amountCentavos: z.number().int() });
const Refund = z.object({ id: z.string() });

/** The adapter for a gateway shaped like the Philippine ones: JSON over HTTPS, bearer secret key, HMAC-signed webhooks. */
export function gatewayProvider(cfg: GatewayConfig): PaymentProvider {
  const post = async <T>(path: string, body: unknown, schema: z.ZodType<T>, idempotencyKey?: string): Promise<T> => {
    const res = await fetch(new URL(path, cfg.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cfg.secretKey}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new ProviderRefused(`the gateway refused ${path} (${res.status})`, res.status);
    if (!res.ok) throw new Error(`the gateway answered ${res.status} to ${path}`);
    return schema.parse(JSON.parse(text));
  };

  return {
    async createIntent(i) {
      const intent = await post('/v1/payment_intents', { amountCentavos: i.amountCentavos, currency: 'PHP', method: i.method, reference: i.reference, description: i.description }, Intent, `intent-${i.reference}`);
      return { intentRef: intent.id, checkoutUrl: intent.checkoutUrl };
    },
    async capture(intentRef) {
      const c = await post(`/v1/payment_intents/${encodeURIComponent(intentRef)}/capture`, {}, Capture, `capture-${intentRef}`);
      return { captureRef: c.id, amountCentavos: c.amountCentavos };
    },
    async refund(r) {
      const refund = await post('/v1/refunds', { paymentIntentId: r.intentRef, amountCentavos: r.amountCentavos, reason: r.reason }, Refund, r.idempotencyKey);
      return { refundRef: refund.id };
    },
    verifyWebhook(headers, rawBody) {
      const header = headers[SIGNATURE_HEADER];
      const problem = signatureProblem(cfg.webhookSecret, Array.isArray(header) ? header[0] : header, rawBody, cfg.toleranceSeconds);
      if (problem) return { ok: false, why: `signature ${problem}` };
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        return { ok: false, why: 'body is not JSON' };
      }
      const parsed = WebhookBody.safeParse(json);
      if (!parsed.success) return { ok: false, why: 'unknown event shape' };
      const { id, type, data } = parsed.data;
      return {
        ok: true,
        event: {
          eventId: id,
          outcome: type.slice('payment.'.length) as (typeof PAYMENT_OUTCOMES)[number],
          intentRef: data.paymentIntentId,
          amountCentavos: data.amountCentavos,
          reason: data.failureReason,
          reference: data.reference,
        },
      };
    },
  };
}
