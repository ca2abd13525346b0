import { fromDb } from '../../lib/db';
import { authenticate } from '../auth';
import type { ApiDeps, App } from '../context';
import { visibleOrderId } from '../order-access';
import { bearer, IdParams } from '../schemas/common';

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : fromDb.int(v));

/** An order's step timings (docs/domain.md §6 Metrics), for its owner or an admin. */
export function orderMetricsRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/orders/:id/metrics', { schema: { tags: ['orders'], security: bearer, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const orderId = await visibleOrderId(db, claims, req.params.id);
    // A step not reached (or not measured yet) is null.
    const row = await db('order_metrics').where({ order_id: orderId }).first();
    return {
      orderId: String(orderId),
      validatingMs: ms(row?.validating_ms),
      reservingMs: ms(row?.reserving_ms),
      committingMs: ms(row?.committing_ms),
      endToEndMs: ms(row?.end_to_end_ms),
      updatedAt: fromDb.iso(row?.updated_at),
    };
  });
}
