import { z } from 'zod';

/**
 * The money side of an order (docs/payments.md): what a payment provider
 * tells us, what the ledger records, and the statuses of a refund. Pure, so
 * the workflows, the activities and the API share it. Amounts are centavos.
 */

/** What a provider's webhook can say about a payment intent. */
export const PAYMENT_OUTCOMES = ['authorized', 'paid', 'failed', 'expired'] as const;
export type PaymentOutcome = (typeof PAYMENT_OUTCOMES)[number];

/** One verified provider event, as the API hands it to the order's workflow. */
export const PaymentEvent = z.object({
  eventId: z.string().min(1).max(128),
  outcome: z.enum(PAYMENT_OUTCOMES),
  /** the provider's payment intent id */
  intentRef: z.string().min(1).max(128),
  amountCentavos: z.number().int().nonnegative(),
  reason: z.string().max(500).nullable().default(null),
});
export type PaymentEvent = z.infer<typeof PaymentEvent>;

/** Who received the money: the gateway, the courier (cash on delivery) or staff (bank transfer). */
export const PAYMENT_PROVIDERS = ['gateway', 'cod', 'manual'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** The ledger's row kinds: every payment event, append-only. */
export const LEDGER_KINDS = ['intent', 'authorization', 'capture', 'refund', 'failure'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** An order's payment as a whole, kept on its summary row. */
export const PAYMENT_STATUSES = ['awaiting', 'authorized', 'paid', 'failed', 'expired', 'collected', 'refunded', 'partially_refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** pending -> succeeded | failed; a failed refund gives its amount back to what can be refunded. */
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** The payment as the order object shows it. */
export interface PaymentView {
  provider: PaymentProviderName;
  status: PaymentStatus;
  checkoutUrl: string | null;
  intentRef: string | null;
  amountCentavos: number;
  capturedCentavos: number;
  refundedCentavos: number;
}
