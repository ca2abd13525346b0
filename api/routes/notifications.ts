import { listNotifications } from '../../store/notification-store';
import { authenticate } from '../auth';
import type { ApiDeps, App } from '../context';
import { visibleOrderId } from '../order-access';
import { bearer, IdParams } from '../schemas/common';

/** An order's notifications with every delivery attempt (docs/domain.md §6), for its owner and admins. */
export function notificationRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/orders/:id/notifications', { schema: { tags: ['orders'], security: bearer, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const orderId = await visibleOrderId(db, claims, req.params.id);
    return { data: await listNotifications(db, orderId) };
  });
}
