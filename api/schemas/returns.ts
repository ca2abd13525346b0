import { z } from 'zod';
import { RETURN_OUTCOMES } from '../../domain/return-status';

export const ReturnRequestBody = z.strictObject({
  lines: z
    .array(z.strictObject({ productId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(10_000), reason: z.string().trim().min(1).max(500) }))
    .min(1)
    .max(200)
    .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, 'each product once'),
});
export type ReturnRequestBody = z.infer<typeof ReturnRequestBody>;

export const ReturnReasonBody = z.strictObject({ reason: z.string().trim().max(500).optional() }).nullish();
export const ShipBackBody = z.strictObject({ carrier: z.string().trim().min(1).max(64).optional(), trackingNumber: z.string().trim().min(1).max(128).optional() }).nullish();
export const ReceiveBody = z.strictObject({
  /** per product id of the return: back on the shelf, or written off as damaged */
  outcomes: z.record(z.string().min(1).max(64), z.enum(RETURN_OUTCOMES)),
  reason: z.string().trim().max(500).optional(),
});
