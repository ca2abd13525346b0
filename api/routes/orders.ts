import type { FastifyRequest } from 'fastify';
import { readHistory, readOrderView, listOrders } from '../../store/order-store';
import { customersMay, needsShipment, REQUESTABLE_ACTIONS, type OrderAction } from '../../domain/order-status';
import { actorOf, authenticate, requireAdmin, type Claims } from '../auth';
import { clientIp } from '../client-ip';
import type { ApiDeps, App } from '../context';
import { actOnOrder, placeOrder } from '../order-service';
import { assertCanSee, visibleOrderId } from '../order-access';
import { issuesToItems, Problem } from '../problem';
import { IdParams } from '../schemas/common';
import { OrderPage, OrderView, OrderWithHistory } from '../schemas/order-view';
import { ETAG_HEADERS, operation, PAGE_HEADERS } from '../openapi/operation';
import { ifMatchVersion, IfMatchHeaders, sendEtag, stale } from '../etag';
import { claimVersion, readVersion } from '../../store/row-version';
import { cursorFrom, pageHeaders } from '../schemas/page';
import { IdempotencyHeaders, ListOrdersQuery, OrderRequest, ReasonBody, ShipBody, sourceProblems } from '../schemas/orders';

/** operationId verbs of the actions: stable names clients are generated with. */
const ACTION_VERBS: Partial<Record<OrderAction, string>> = {
  verify: 'verify',
  confirm: 'confirm',
  processing: 'startProcessing',
  ship: 'ship',
  deliver: 'deliver',
  cancel: 'cancel',
};
const ACTION_SUMMARIES: Partial<Record<OrderAction, string>> = {
  verify: 'Verify an order awaiting verification',
  confirm: 'Confirm a pending order (commits its stock)',
  processing: 'Start processing a confirmed order',
  ship: 'Ship an order with its carrier and tracking number',
  deliver: 'Mark a shipped order delivered',
  cancel: 'Cancel an order (releases its stock and promo)',
};

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
    {
      schema: {
        ...operation({
          operationId: 'placeOrder',
          summary: 'Place an order',
          description: 'Answers once the order is validated and its stock reserved. Always send an Idempotency-Key (docs/api.md, Idempotency).',
          tags: ['orders'],
          access: 'customer',
          ok: { status: 201, schema: OrderView, description: 'The order, pending or awaiting_verification' },
          problems: ['VALIDATION_ERROR', 'ORDER_REJECTED', 'IDEMPOTENCY_KEY_REUSED'],
        }),
        body: OrderRequest,
        headers: IdempotencyHeaders,
      },
    },
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

  const getOrder = operation({
    operationId: 'getOrder',
    summary: 'Get an order with its history',
    tags: ['orders'],
    access: 'customer',
    ok: { schema: OrderWithHistory, description: 'The order and every status change, oldest first', headers: ETAG_HEADERS },
    problems: ['VALIDATION_ERROR', 'ORDER_NOT_FOUND'],
  });
  app.get('/v1/orders/:id', { schema: { ...getOrder, params: IdParams } }, async (req, reply) => {
    const claims = await authenticate(req);
    const order = await visibleOrder(claims, req.params.id);
    sendEtag(reply, await readVersion(db, 'orders', order.id));
    return { ...order, history: await readHistory(db, order.id) };
  });

  const listOrdersOp = operation({
    operationId: 'listOrders',
    summary: 'List orders, newest first',
    description: 'A customer sees only their own orders (customerId is ignored for them).',
    tags: ['orders'],
    access: 'customer',
    ok: { schema: OrderPage, description: 'One page of orders', headers: PAGE_HEADERS },
    problems: ['VALIDATION_ERROR'],
  });
  app.get('/v1/orders', { schema: { ...listOrdersOp, querystring: ListOrdersQuery } }, async (req, reply) => {
    const claims = await authenticate(req);
    const q = req.query;
    const customerId = claims.role === 'customer' ? claims.sub : q.customerId;
    const page = await listOrders(db, { customerId, status: q.status, limit: q.limit, cursor: cursorFrom(q.cursor) });
    pageHeaders(req, reply, page);
    return page;
  });

  // One route per action a person may ask for, from the status table: admin-only unless customers may ask in some status.
  for (const action of REQUESTABLE_ACTIONS) {
    const staffOnly = !customersMay(action);
    const body = needsShipment(action) ? ShipBody : ReasonBody;
    const verb = ACTION_VERBS[action];
    const summary = ACTION_SUMMARIES[action];
    // A new requestable action in the status table needs its name here before the API starts.
    if (!verb || !summary) throw new Error(`No operationId and summary for the order action ${action}`);
    const doc = operation({
      operationId: `${verb}Order`,
      summary,
      tags: ['orders'],
      access: staffOnly ? 'admin' : 'customer',
      ok: { schema: OrderView, description: 'The order after the action', headers: ETAG_HEADERS },
      problems: ['VALIDATION_ERROR', 'ORDER_NOT_FOUND', 'INVALID_STATE_TRANSITION', 'ORDER_FAILED', 'PRECONDITION_FAILED'],
    });
    const schema = { ...doc, params: IdParams, headers: IdempotencyHeaders.extend(IfMatchHeaders.shape), body };
    app.post(`/v1/orders/:id/${action}`, { config: { admin: staffOnly }, schema }, async (req, reply) => {
      const claims = staffOnly ? await requireAdmin(req) : await authenticate(req);
      // Who owns it is all an action needs to know first (one indexed read); the order comes back from the workflow.
      const orderId = await visibleOrderId(db, claims, req.params.id);
      // If-Match: claim the version the caller read, in one statement; of two staff members acting on it at once, one wins.
      const expected = ifMatchVersion(req);
      if (expected !== undefined && !(await claimVersion(db, 'orders', orderId, expected))) throw stale();
      const input = (req.body ?? {}) as { reason?: string; carrier?: string; trackingNumber?: string };
      const after = await actOnOrder(client, orderId, action, { actor: actorOf(claims), ...input, ...requestMeta(req) }, {
        idempotencyKey: req.headers['idempotency-key'],
        deadlineSeconds: deps.config.orderAnswerTimeoutSeconds,
      });
      sendEtag(reply, await readVersion(db, 'orders', orderId));
      return after;
    });
  }
}
