import type { FastifyRequest } from 'fastify';
import { readHistory, readOrderView, listOrders } from '../../store/order-store';
import { customersMay, needsShipment, REQUESTABLE_ACTIONS } from '../../domain/order-status';
import { actorOf, authenticate, requireAdmin, type Claims } from '../auth';
import { clientIp } from '../client-ip';
import type { ApiDeps, App } from '../context';
import { actOnOrder, placeOrder } from '../order-service';
import { assertCanSee } from '../order-access';
import { issuesToItems, Problem } from '../problem';
import { bearer, IdParams } from '../schemas/common';
import { cursorFrom } from '../schemas/page';
import { IdempotencyHeaders, ListOrdersQuery, OrderRequest, ReasonBody, ShipBody, sourceProblems } from '../schemas/orders';

export function orderRoutes(app: App, deps: ApiDeps): void {
  const { db, client } = deps;

  const visibleOrder = async (claims: Claims, id: string) => {
    const order = await readOrderView(db, id);
    assertCanSee(claims, id, order?.customerId);
    return order!;
  };
  const requestMeta = (req: FastifyRequest) => ({ requestIp: clientIp(req) ?? undefined, userAgent: req.headers['user-agent']?.slice(0, 512) });

  app.post(
    '/v1/orders',
    { schema: { tags: ['orders'], security: bearer, body: OrderRequest, headers: IdempotencyHeaders } },
    async (req, reply) => {
      const claims = await authenticate(req);
      const sourceIssues = sourceProblems(claims.role, req.body.source);
      if (sourceIssues.length) throw new Problem('VALIDATION_ERROR', 'The request body is not valid', sourceIssues);
      const outcome = await placeOrder(deps, claims, req.body, {
        clientIp: clientIp(req),
        userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
        idempotencyKey: req.headers['idempotency-key'],
      });
      if (!outcome.ok) throw new Problem('ORDER_REJECTED', 'The order breaks one or more rules', issuesToItems(outcome.errors));
      return reply.status(201).send(outcome.order);
    },
  );

  app.get('/v1/orders/:id', { schema: { tags: ['orders'], security: bearer, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const order = await visibleOrder(claims, req.params.id);
    return { ...order, history: await readHistory(db, order.id) };
  });

  app.get('/v1/orders', { schema: { tags: ['orders'], security: bearer, querystring: ListOrdersQuery } }, async (req) => {
    const claims = await authenticate(req);
    const q = req.query;
    const customerId = claims.role === 'customer' ? claims.sub : q.customerId;
    return listOrders(db, { customerId, status: q.status, limit: q.limit, cursor: cursorFrom(q.cursor) });
  });

  // One route per action a person may ask for, from the status table: admin-only unless customers may ask in some status.
  for (const action of REQUESTABLE_ACTIONS) {
    const staffOnly = !customersMay(action);
    const body = needsShipment(action) ? ShipBody : ReasonBody;
    const schema = { tags: ['orders'], security: bearer, params: IdParams, headers: IdempotencyHeaders, body };
    app.post(`/v1/orders/:id/${action}`, { config: { admin: staffOnly }, schema }, async (req) => {
      const claims = staffOnly ? await requireAdmin(req) : await authenticate(req);
      const order = await visibleOrder(claims, req.params.id);
      const input = (req.body ?? {}) as { reason?: string; carrier?: string; trackingNumber?: string };
      return actOnOrder(client, order.id, action, { actor: actorOf(claims), ...input, ...requestMeta(req) }, {
        idempotencyKey: req.headers['idempotency-key'],
        deadlineSeconds: deps.config.orderAnswerTimeoutSeconds,
      });
    });
  }
}
