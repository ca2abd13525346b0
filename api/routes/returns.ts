import type { Knex } from 'knex';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { startPendingRefunds } from '../../activities/payments/refund-starter';
import { startOrderWebhooks } from '../../activities/webhooks/start-deliveries';
import { actOnReturn, listReturnIds, readReturn, requestReturn, ReturnRefused, type ReturnActionInput } from '../../store/return-store';
import { actorOf, authenticate, requireAdmin, type Claims } from '../auth';
import type { ApiDeps, App } from '../context';
import { visibleOrderId } from '../order-access';
import { requestHash } from '../order-ids';
import { Problem } from '../problem';
import { IdParams } from '../schemas/common';
import { operation, type Access } from '../openapi/operation';
import type { ApiCode } from '../../domain/error-codes';
import { ReturnList, ReturnView } from '../schemas/payment-views';
import { IdempotencyHeaders } from '../schemas/orders';
import { MoneyIdempotencyHeaders } from '../schemas/payments';
import { ReceiveBody, ReturnReasonBody, ReturnRequestBody, ShipBackBody } from '../schemas/returns';

const RETURN_NAMESPACE = '0b6f2a57-3c2e-4d8a-9f61-7a0c5e4b2d93';

/** Returns of delivered orders (docs/payments.md "Returns"): requested by the customer or staff, decided and received by staff. */
export function returnRoutes(app: App, deps: ApiDeps): void {
  const { db } = deps;
  const refused = (err: unknown) => {
    if (err instanceof ReturnRefused) return new Problem(err.code, err.message, err.field ? [{ code: err.code, field: err.field, message: err.message, severity: 'error' }] : []);
    return err;
  };
  /** The return, if the caller may see its order (owner or admin); else 404 RETURN_NOT_FOUND. */
  const visibleReturn = async (claims: Claims, returnId: string) => {
    const ret = await readReturn(db, returnId);
    if (!ret || (claims.role === 'customer' && (await ownerOf(db, ret.orderId)) !== claims.sub)) throw new Problem('RETURN_NOT_FOUND', `Return ${returnId} not found`);
    return ret;
  };

  app.post(
    '/v1/orders/:id/returns',
    {
      schema: {
        ...doc('requestReturn', 'Request a return of some or all lines of a delivered order', 'customer', 201, ['VALIDATION_ERROR', 'ORDER_NOT_FOUND', 'RETURN_NOT_ALLOWED', 'RETURN_WINDOW_CLOSED', 'RETURN_QUANTITY_EXCEEDED', 'IDEMPOTENCY_KEY_REUSED']),
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ReturnRequestBody,
      },
    },
    async (req, reply) => {
      const claims = await authenticate(req);
      const orderId = await visibleOrderId(db, claims, req.params.id);
      const key = req.headers['idempotency-key'];
      const returnId = key ? uuidv5(`${claims.sub}\n${orderId}\n${key}`, RETURN_NAMESPACE) : uuidv7();
      const hash = requestHash(req.body);
      const outcome = await db
        .transaction((trx) => requestReturn(trx, { returnId, orderId, lines: req.body.lines, actor: actorOf(claims), requestHash: hash, windowDays: deps.config.payments.returnWindowDays }, new Date()))
        .catch((err) => Promise.reject(refused(err)));
      if (outcome.requestHash !== hash) throw new Problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different return');
      await shopWebhooks(req, orderId);
      return reply.status(201).send(await readReturn(db, returnId));
    },
  );

  const listDoc = operation({ operationId: 'listOrderReturns', summary: "An order's returns, oldest first", tags: ['returns'], access: 'customer', ok: { schema: ReturnList, description: 'The returns' }, problems: ['VALIDATION_ERROR', 'ORDER_NOT_FOUND'] });
  app.get('/v1/orders/:id/returns', { schema: { ...listDoc, params: IdParams } }, async (req) => {
    const claims = await authenticate(req);
    const orderId = await visibleOrderId(db, claims, req.params.id);
    return { data: await Promise.all((await listReturnIds(db, orderId)).map((id) => readReturn(db, id))) };
  });

  app.get('/v1/returns/:id', { schema: { ...doc('getReturn', 'One return, with its lines and history', 'customer', 200, ['VALIDATION_ERROR', 'RETURN_NOT_FOUND']), params: IdParams } }, async (req) =>
    visibleReturn(await authenticate(req), req.params.id),
  );

  /** The return.* events each step queued, sent after its commit. */
  const shopWebhooks = (req: FastifyRequest, orderId: string) => startOrderWebhooks({ db, config: deps.config, log: req.log as unknown as Logger, temporal: deps.client }, orderId);
  const act = async (req: FastifyRequest, claims: Claims, input: Omit<ReturnActionInput, 'actor'>) => {
    await visibleReturn(claims, input.returnId);
    const { orderId } = await db.transaction((trx) => actOnReturn(trx, { ...input, actor: actorOf(claims) }, new Date())).catch((err) => Promise.reject(refused(err)));
    await shopWebhooks(req, orderId);
    // The refund reserved with the receipt is sent by its own workflow, which the engine retries.
    if (input.action === 'receive') await startPendingRefunds({ db, temporal: deps.client, config: deps.config }, orderId);
    return readReturn(db, input.returnId);
  };
  const staff = { admin: true };
  const acting: ApiCode[] = ['VALIDATION_ERROR', 'RETURN_NOT_FOUND', 'INVALID_STATE_TRANSITION'];

  app.post('/v1/returns/:id/approve', { config: staff, schema: { ...doc('approveReturn', 'Approve a requested return', 'admin', 200, acting), params: IdParams, headers: IdempotencyHeaders, body: ReturnReasonBody } }, async (req) =>
    act(req, await requireAdmin(req), { returnId: req.params.id, action: 'approve', reason: req.body?.reason ?? null }),
  );
  app.post('/v1/returns/:id/reject', { config: staff, schema: { ...doc('rejectReturn', 'Reject a requested return', 'admin', 200, acting), params: IdParams, headers: IdempotencyHeaders, body: ReturnReasonBody } }, async (req) =>
    act(req, await requireAdmin(req), { returnId: req.params.id, action: 'reject', reason: req.body?.reason ?? null }),
  );
  app.post('/v1/returns/:id/ship-back', { schema: { ...doc('shipReturnBack', 'Say the returned parcel is on its way back', 'customer', 200, acting), params: IdParams, headers: IdempotencyHeaders, body: ShipBackBody } }, async (req) =>
    act(req, await authenticate(req), { returnId: req.params.id, action: 'ship_back', reason: null, carrier: req.body?.carrier ?? null, trackingNumber: req.body?.trackingNumber ?? null }),
  );
  app.post('/v1/returns/:id/receive', {
    config: staff,
    schema: { ...doc('receiveReturn', 'Receive a return: each line restocked or written off; its refund follows', 'admin', 200, acting), params: IdParams, headers: MoneyIdempotencyHeaders, body: ReceiveBody },
  }, async (req) => {
    const claims = await requireAdmin(req);
    // Receiving moves stock and money once: a resend after it went through answers the return as it is.
    const current = await visibleReturn(claims, req.params.id);
    if (current.status === 'received' || current.status === 'refunded') {
      // The first attempt's refund workflow may not have started (it answered 503): start it now.
      await startPendingRefunds({ db, temporal: deps.client, config: deps.config }, current.orderId);
      return current;
    }
    return act(req, claims, { returnId: req.params.id, action: 'receive', reason: req.body.reason ?? null, outcomes: req.body.outcomes });
  });
}

function doc(operationId: string, summary: string, access: Access, status: 200 | 201, problems: ApiCode[]) {
  return operation({ operationId, summary, tags: ['returns'], access, ok: { status, schema: ReturnView, description: 'The return' }, problems });
}

async function ownerOf(db: Knex, orderId: string): Promise<string | null> {
  const row = await db('orders').where({ id: orderId }).first('customer_id');
  return row ? String(row.customer_id) : null;
}
