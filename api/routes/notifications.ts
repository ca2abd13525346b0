import { listNotifications } from '../../store/notification-store';
import { authenticate } from '../auth';
import type { ApiDeps, App } from '../context';
import { visibleOrderId } from '../order-access';
import { IdParams } from '../schemas/common';
import { NotificationList } from '../schemas/operations-view';
import { operation } from '../openapi/operation';

/** An order's notifications with every delivery attempt (docs/domain.md §6), for its owner and admins. */
export function notificationRoutes(app: App, { db }: ApiDeps): void {
  app.get('/v1/orders/:id/notifications', { schema: { ...operation({ operationId: 'listOrderNotifications', summary: 'List an order\'s notifications with their delivery attempts', tags: ['orders'], access: 'customer', ok: { schema: NotificationList, description: 'The notifications, oldest first' }, problems: ['VALIDATION_ERROR', 'ORDER_NOT_FOUND'] }), params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const orderId = await visibleOrderId(db, claims, req.params.id);
    return { data: await listNotifications(db, orderId) };
  });
}
