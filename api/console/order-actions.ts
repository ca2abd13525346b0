import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { needsShipment, ORDER_ACTIONS, REQUESTABLE_ACTIONS, type OrderAction } from '../../domain/order-status';
import { readOrderView } from '../../store/order-store';
import { clientIp } from '../client-ip';
import type { ApiDeps, App } from '../context';
import { actOnOrder } from '../order-service';
import { Problem, statusOf } from '../problem';
import { ReasonBody, ShipBody } from '../schemas/orders';
import { parseForm, type FieldErrors } from './forms';
import { loadOrderPage } from './order-detail';
import { fromHtmx, render } from './render';
import { may, signedIn } from './session';

const ActionParams = z.object({ id: z.string().min(1).max(64), action: z.enum(ORDER_ACTIONS).refine((a) => REQUESTABLE_ACTIONS.includes(a)) });
/** Which fragment answers htmx: the order page's body, or a row of a queue. */
const View = z.enum(['detail', 'row']).catch('detail');

/**
 * An action on an order, as the API does it: an Update to the order's
 * workflow through actOnOrder, with the staff member as the actor, the
 * reason, and for ship the carrier and tracking number (the API's ShipBody).
 * A refusal (409 INVALID_STATE_TRANSITION) changes nothing and is shown where
 * the action was asked for. Without JavaScript the answer is a redirect back
 * to the order (or the same page again with the error).
 */
export function orderActions(app: App, deps: ApiDeps): void {
  const { db, client, config } = deps;

  const answer = async (req: FastifyRequest, reply: FastifyReply, id: string, view: 'detail' | 'row', outcome: { status: number; error: string | null; formErrors: FieldErrors; action: OrderAction; done: boolean; values?: Record<string, unknown> }) => {
    if (view === 'row' && fromHtmx(req)) {
      const order = await readOrderView(db, id);
      return render(req, reply, 'queue-result', { order, ...outcome }, outcome.status);
    }
    if (outcome.done && !fromHtmx(req)) return reply.redirect(`/admin/orders/${encodeURIComponent(id)}?done=${outcome.action}`, 303);
    const page = (await loadOrderPage(db, config, id))!;
    const data = { ...page, flash: outcome.done ? `Done: ${outcome.action}.` : null, error: outcome.error, formErrors: outcome.formErrors, values: outcome.values ?? {}, formAction: outcome.done ? null : outcome.action };
    return render(req, reply, fromHtmx(req) ? 'order-body' : 'order', data, outcome.status);
  };

  app.post('/admin/orders/:id/:action', { preHandler: [signedIn, app.csrfProtection, may('act')] }, async (req, reply) => {
    const params = ActionParams.safeParse(req.params);
    if (!params.success) return render(req, reply, 'not-found', { what: 'that action' }, 404);
    const { id, action } = params.data;
    const view = View.parse((req.body as { view?: unknown } | undefined)?.view);
    if (!(await readOrderView(db, id))) return render(req, reply, 'not-found', { what: `order ${id}` }, 404);
    const form = needsShipment(action) ? parseForm(ShipBody, req.body) : parseForm(ReasonBody.unwrap().unwrap(), req.body);
    if (!form.ok) return answer(req, reply, id, view, { status: 400, error: 'Check the fields below.', formErrors: form.errors, values: form.values, action, done: false });
    try {
      await actOnOrder(
        client,
        id,
        action,
        { actor: { type: 'admin', id: req.staff!.id }, ...form.data, requestIp: clientIp(req) ?? undefined, userAgent: req.headers['user-agent']?.slice(0, 512) },
        { deadlineSeconds: config.orderAnswerTimeoutSeconds },
      );
      return answer(req, reply, id, view, { status: 200, error: null, formErrors: {}, action, done: true });
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      return answer(req, reply, id, view, { status: statusOf(err.code), error: `Cannot ${action}: ${err.message}`.slice(0, 300), formErrors: {}, action, done: false });
    }
  });
}
