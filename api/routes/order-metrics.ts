import { readOrderMetrics } from '../../store/order-metrics-store';
import { authenticate } from '../auth';
import type { ApiDeps, App } from '../context';
import { visibleOrderId } from '../order-access';
import { IdParams } from '../schemas/common';
import { OrderMetricsView } from '../schemas/operations-view';
import { operation } from '../openapi/operation';

/** An order's step timings (docs/domain.md §6 Metrics), for its owner or an admin. */
export function orderMetricsRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/orders/:id/metrics', { schema: { ...operation({ operationId: 'getOrderMetrics', summary: 'Get an order\'s step timings', tags: ['orders'], access: 'customer', ok: { schema: OrderMetricsView, description: 'Milliseconds per step; null for a step not reached' }, problems: ['VALIDATION_ERROR', 'ORDER_NOT_FOUND'] }), params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    return readOrderMetrics(db, await visibleOrderId(db, claims, req.params.id));
  });
}
