import type { Knex } from 'knex';
import { z } from 'zod';
import type { Actor } from '../../domain/order-view';
import { buttonsFor, needsShipment, ORDER_ACTIONS } from '../../domain/order-status';
import type { AppConfig } from '../../lib/config';
import { readCustomer } from '../../store/customer-store';
import { listErrors } from '../../store/error-log';
import { listNotifications } from '../../store/notification-store';
import { readOrderMetrics } from '../../store/order-metrics-store';
import { readHistory, readOrderView } from '../../store/order-store';
import { staffNames } from '../../store/staff-store';
import { orderWorkflowId } from '../../workflows/contract';
import type { ApiDeps, App } from '../context';
import { render } from './render';
import { signedIn } from './session';

export const OrderParams = z.object({ id: z.string().min(1).max(64) });

/** Everything the order page shows; null when there is no such order. */
export async function loadOrderPage(db: Knex, config: AppConfig, id: string) {
  const order = await readOrderView(db, id);
  if (!order) return null;
  const [history, notifications, metrics, customer, errors] = await Promise.all([
    readHistory(db, id),
    listNotifications(db, id),
    readOrderMetrics(db, id),
    readCustomer(db, order.customerId),
    listErrors(db, { orderId: id, limit: 50, cursor: null }),
  ]);
  const names = await staffNames(db, history.map((h) => h.actor.id));
  return {
    order,
    history: history.map((h) => ({ ...h, actorName: actorName(h.actor, names, customer) })),
    notifications,
    metrics,
    customer,
    errors: errors.data,
    actions: buttonsFor(order.status).map((name) => ({ name, needsShipment: needsShipment(name) })),
    workflowUrl: `${config.staff.temporalUiUrl}/namespaces/${encodeURIComponent(config.temporalNamespace)}/workflows/${encodeURIComponent(orderWorkflowId(id))}`,
  };
}
/** Who acted, as staff read it: a staff member's name, the order's customer by name, else the recorded id. */
function actorName(actor: Actor, staff: Map<string, string>, customer: { id: string; name: string } | null): string {
  if (actor.id && staff.has(actor.id)) return staff.get(actor.id)!;
  if (actor.type === 'customer' && customer && actor.id === customer.id) return customer.name;
  return actor.id ?? actor.type;
}

export type OrderPage = NonNullable<Awaited<ReturnType<typeof loadOrderPage>>>;

/** One order: items, totals, customer and address, warnings, timeline, notifications, timings, and its actions. */
export function orderDetailPage(app: App, { db, config }: ApiDeps): void {
  app.get('/admin/orders/:id', { preHandler: signedIn }, async (req, reply) => {
    const { id } = OrderParams.parse(req.params);
    const page = await loadOrderPage(db, config, id);
    if (!page) return render(req, reply, 'not-found', { what: `order ${id}` }, 404);
    const done = z.enum(ORDER_ACTIONS).optional().catch(undefined).parse((req.query as { done?: unknown }).done);
    return render(req, reply, 'order', { ...page, flash: done ? `Done: ${done}.` : null, error: null, formErrors: {}, formAction: null });
  });
}
