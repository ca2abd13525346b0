import type { Knex } from 'knex';
import { readOrderOwner } from '../store/order-store';
import type { Claims } from './auth';
import { Problem } from './problem';

/** Another customer's order is "not found", never "forbidden" (docs/api.md): its existence is not revealed. */
export function assertCanSee(claims: Claims, orderId: string, customerId: string | undefined): void {
  if (customerId === undefined || (claims.role === 'customer' && customerId !== claims.sub)) {
    throw new Problem('ORDER_NOT_FOUND', `Order ${orderId} not found`);
  }
}

/** The order's id if the caller may see it (owner or admin), else 404 ORDER_NOT_FOUND. */
export async function visibleOrderId(db: Knex, claims: Claims, orderId: string): Promise<string> {
  const order = await readOrderOwner(db, orderId);
  assertCanSee(claims, orderId, order?.customerId);
  return order!.id;
}
