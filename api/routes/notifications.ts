import { listNotifications } from '../../store/notification-store';
import { authenticate } from '../auth';
import type { ApiDeps, App } from '../context';
import { Problem } from '../problem';
import { bearer, IdParams } from '../schemas/common';

/** An order's notifications with every delivery attempt (domain.md §6), for its owner and admins. */
export function notificationRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/orders/:id/notifications', { schema: { tags: ['orders'], security: bearer, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const order = await db('orders').where({ id: req.params.id }).first('id', 'customer_id');
    // Another customer's order is "not found", never "forbidden" (api.md).
    if (!order || (claims.role === 'customer' && order.customer_id !== claims.sub)) {
      throw new Problem('ORDER_NOT_FOUND', `Order ${req.params.id} not found`);
    }
    return { data: await listNotifications(db, order.id) };
  });
}
