import { readOrderMetrics } from '../../store/order-metrics-store';
import { authenticate } from '../auth';
import type { ApiDeps, App } from '../context';
import { visibleOrderId } from '../order-access';
import { bearer, IdParams } from '../schemas/common';

/** An order's step timings (docs/domain.md §6 Metrics), for its owner or an admin. */
export function orderMetricsRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/orders/:id/metrics', { schema: { tags: ['orders'], security: bearer, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    return readOrderMetrics(db, await visibleOrderId(db, claims, req.params.id));
  });
}
