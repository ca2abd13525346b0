import { fromDb } from '../../lib/db';
import { authenticate } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { bearer, IdParams } from '../schemas/common';

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : fromDb.int(v));

/** An order's step timings (domain.md §6 Metrics), for its owner or an admin. */
export function orderMetricsRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/orders/:id/metrics', { schema: { tags: ['orders'], security: bearer, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const order = await db('orders').where({ id: req.params.id }).first('id', 'customer_id');
    // Another customer's order is "not found", never "forbidden" (api.md).
    if (!order || (claims.role === 'customer' && order.customer_id !== claims.sub)) {
      throw new Problem('ORDER_NOT_FOUND', `Order ${req.params.id} not found`);
    }
    // A step not reached (or not measured yet) is null.
    const row = await db('order_metrics').where({ order_id: order.id }).first();
    return {
      orderId: String(order.id),
      validatingMs: ms(row?.validating_ms),
      reservingMs: ms(row?.reserving_ms),
      committingMs: ms(row?.committing_ms),
      endToEndMs: ms(row?.end_to_end_ms),
      updatedAt: fromDb.iso(row?.updated_at),
    };
  });
}
