import type { PaymentEvent } from '../../domain/payments';

/**
 * What Orderly needs from a payment provider. One adapter speaks to a gateway
 * shaped like the Philippine ones (GCash, Maya and cards behind one API that
 * posts signed webhooks): gateway-provider.ts. The local provider server
 * (local-provider-server.ts) plays that gateway in tests and `npm start`.
 */
export interface PaymentProvider {
  /** Opens a checkout for the order; idempotent by `reference` (the order id). */
  createIntent(input: { reference: string; amountCentavos: number; method: string; description: string }): Promise<{ intentRef: string; checkoutUrl: string }>;
  /** Captures an authorized payment in full; capturing one already captured answers the same capture. */
  capture(intentRef: string): Promise<{ captureRef: string; amountCentavos: number }>;
  /** Refunds part or all of a captured payment; idempotent by `idempotencyKey` (the refund id). */
  refund(input: { intentRef: string; amountCentavos: number; reason: string; idempotencyKey: string }): Promise<{ refundRef: string }>;
  /** The event of a webhook whose signature holds, or why it was refused. */
  verifyWebhook(headers: Record<string, string | string[] | undefined>, rawBody: string): { ok: true; event: PaymentEvent & { reference: string | null } } | { ok: false; why: string };
}

/**
 * The provider said no for good (a 4xx other than 408/429): retrying the same
 * request cannot succeed. Anything else (network, 5xx) is worth retrying.
 */
export class ProviderRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
