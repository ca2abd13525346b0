import { z } from 'zod';

/** A POST that moves money must carry an Idempotency-Key: a resend must never pay out twice. */
export const MoneyIdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(255) });

export const RefundBody = z.strictObject({
  amountCentavos: z.number().int().positive().max(100_000_000_000),
  reason: z.string().trim().min(1).max(500),
});
export type RefundBody = z.infer<typeof RefundBody>;

export const WebhookParams = z.strictObject({ provider: z.string().min(1).max(32) });
