import { z } from 'zod';
import type { OrderSource } from '../../domain/order-request';
import { ORDER_STATUSES } from '../../domain/order-status';
import type { Claims } from '../auth';
import type { ProblemItem } from '../problem';

export { OrderRequest } from '../../domain/order-request';

/**
 * Source "admin" marks an order that staff took (by phone, at the counter):
 * only an admin token may claim it, or a customer's order would pass for one.
 */
export function sourceProblems(role: Claims['role'], source: OrderSource): ProblemItem[] {
  if (source !== 'admin' || role === 'admin') return [];
  return [{ code: 'VALIDATION_ERROR', field: 'source', message: 'Only staff may place an order with source admin', severity: 'error' }];
}

export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(255).optional() });

export const ListOrdersQuery = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  customerId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const ShipBody = z.strictObject({ carrier: z.string().trim().min(1).max(64), trackingNumber: z.string().trim().min(1).max(128) });
/** Actions take an optional reason; a POST with no body at all is fine too. */
export const ReasonBody = z.strictObject({ reason: z.string().trim().max(500).optional() }).nullish();
