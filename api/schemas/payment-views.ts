import { z } from 'zod';
import { LEDGER_KINDS, PAYMENT_PROVIDERS, PAYMENT_STATUSES, REFUND_STATUSES } from '../../domain/payments';
import { RETURN_OUTCOMES, RETURN_STATUSES } from '../../domain/return-status';
import { centavosOut, id, instant } from './response-common';

/** Response schemas of the money side (docs/payments.md): strict, no transforms. */
const ActorView = z.strictObject({ type: z.enum(['customer', 'admin', 'system']), id: z.string().nullable() });

export const PaymentView = z
  .strictObject({
    provider: z.enum(PAYMENT_PROVIDERS).describe('gateway (GCash, Maya, cards), cod (courier) or manual (a bank transfer staff confirmed)'),
    status: z.enum(PAYMENT_STATUSES),
    checkoutUrl: z.string().nullable().describe("The gateway's checkout page for the customer; null unless paid online"),
    intentRef: z.string().nullable().describe("The gateway's payment intent id"),
    amountCentavos: centavosOut,
    capturedCentavos: centavosOut,
    refundedCentavos: centavosOut.describe('Refunded or being refunded; never more than captured'),
  })
  .meta({ id: 'Payment' });

export const RefundView = z
  .strictObject({
    id,
    orderId: id,
    returnId: id.nullable(),
    amountCentavos: centavosOut,
    reason: z.string(),
    status: z.enum(REFUND_STATUSES),
    provider: z.enum(PAYMENT_PROVIDERS),
    providerRef: z.string().nullable(),
    requestHash: z.string().nullable(),
    actor: ActorView,
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Refund' });

export const LedgerEntryView = z
  .strictObject({
    id,
    kind: z.enum(LEDGER_KINDS),
    provider: z.enum(PAYMENT_PROVIDERS),
    amountCentavos: centavosOut,
    providerRef: z.string().nullable(),
    eventId: z.string().nullable(),
    refundId: id.nullable(),
    reason: z.string().nullable(),
    actor: ActorView,
    at: instant,
  })
  .meta({ id: 'LedgerEntry' });

export const OrderPaymentsView = z
  .strictObject({ payment: PaymentView.nullable(), ledger: z.array(LedgerEntryView), refunds: z.array(RefundView) })
  .meta({ id: 'OrderPayments' });

export const RefundList = z.strictObject({ data: z.array(RefundView) }).meta({ id: 'RefundList' });

export const WebhookAck = z.strictObject({ received: z.literal(true), orderId: id.nullable() }).meta({ id: 'WebhookAck' });

export const ReturnView = z
  .strictObject({
    id,
    orderId: id,
    status: z.enum(RETURN_STATUSES),
    lines: z.array(z.strictObject({ productId: id, quantity: z.number().int(), reason: z.string(), outcome: z.enum(RETURN_OUTCOMES).nullable(), refundCentavos: centavosOut })),
    refundCentavos: centavosOut.describe('What the lines refund once received: their price less their share of the discount'),
    refundId: id.nullable(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    requestedBy: ActorView,
    history: z.array(z.strictObject({ from: z.enum(RETURN_STATUSES).nullable(), to: z.enum(RETURN_STATUSES), actor: ActorView, reason: z.string().nullable(), at: instant })),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Return' });

export const ReturnList = z.strictObject({ data: z.array(ReturnView) }).meta({ id: 'ReturnList' });
