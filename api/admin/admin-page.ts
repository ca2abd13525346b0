import { createReadStream } from 'node:fs';
import path from 'node:path';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatPeso } from '../../domain/money';
import { buttonsFor, needsShipment, ORDER_ACTIONS, ORDER_STATUSES, REQUESTABLE_ACTIONS, type OrderStatus } from '../../domain/order-status';
import type { OrderView } from '../../domain/order-view';
import { listOrders, readOrderView } from '../../store/order-store';
import { verifyToken, type Claims } from '../auth';
import { clientIp } from '../client-ip';
import type { ApiDeps, App } from '../context';
import { actOnOrder } from '../order-service';
import { Problem } from '../problem';
import { securePages } from './page-security';

const COOKIE = 'orderly_admin';
const htmxPath = require.resolve('htmx.org/dist/htmx.min.js');

const LoginBody = z.object({ token: z.string().trim().min(1).max(4096) });
const ListQuery = z.object({ status: z.enum(ORDER_STATUSES).optional().catch(undefined) });
const ActionParams = z.object({ id: z.string().min(1).max(64), action: z.enum(ORDER_ACTIONS).refine((a) => REQUESTABLE_ACTIONS.includes(a)) });
const ActionBody = z.object({ carrier: z.string().trim().max(64).optional(), trackingNumber: z.string().trim().max(128).optional() }).nullish();

export interface RowModel {
  id: string;
  customerId: string;
  total: string;
  status: OrderStatus;
  createdAt: string;
  actions: { name: string; needsShipment: boolean }[];
  error: string | null;
}

export function rowModel(order: OrderView, error: string | null = null): RowModel {
  return {
    id: order.id,
    customerId: order.customerId,
    total: formatPeso(order.totalCentavos),
    status: order.status,
    createdAt: order.createdAt,
    actions: buttonsFor(order.status).map((name) => ({ name, needsShipment: needsShipment(name) })),
    error,
  };
}

/** An admin's claims from a token (pasted at login, then kept in the cookie), under the API's token rules; or null. */
function adminClaimsOf(req: FastifyRequest, token: string | undefined): Claims | null {
  const claims = token ? verifyToken(req.server, token) : null;
  return claims?.role === 'admin' ? claims : null;
}
const adminClaims = (req: FastifyRequest) => adminClaimsOf(req, req.cookies[COOKIE]);

/**
 * The server-rendered admin page (htmx): login with an admin token, a table
 * of the newest orders, and per-row actions that go through actOnOrder.
 * Outside /v1, so it checks its own cookie; plugins stay encapsulated here.
 */
export function adminPage(app: App, deps: ApiDeps): void {
  void app.register(async (admin: FastifyInstance) => {
    await securePages(admin);
    await admin.register(view, { engine: { eta: new Eta({ autoEscape: true }) }, root: path.join(__dirname, '..', 'views') });

    // Every page gets the CSP nonces for its inline style and script, and the CSRF token its forms and htmx send back.
    const page = (reply: FastifyReply, name: string, data: object, status = 200) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .view(name, { ...data, nonce: reply.cspNonce, csrf: reply.generateCsrf() });
    const signedIn = async (req: FastifyRequest, reply: FastifyReply) => {
      const claims = adminClaims(req);
      if (!claims) return reply.code(401).type('text/plain').send('Log in again at /admin/login');
      req.claims = claims;
    };

    admin.get('/admin/htmx.min.js', (_req, reply) => reply.type('application/javascript; charset=utf-8').send(createReadStream(htmxPath)));

    admin.get('/admin/login', (_req, reply) => page(reply, 'login', { error: null }));

    admin.post('/admin/login', { preHandler: admin.csrfProtection }, (req, reply) => {
      const body = LoginBody.safeParse(req.body);
      const claims = body.success ? adminClaimsOf(req, body.data.token) : null;
      if (!claims || !body.success) return page(reply, 'login', { error: 'That is not a valid admin token.' }, 401);
      reply.setCookie(COOKIE, body.data.token, { path: '/admin', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' });
      return reply.redirect('/admin', 303);
    });

    admin.post('/admin/logout', { preHandler: admin.csrfProtection }, (_req, reply) => {
      reply.clearCookie(COOKIE, { path: '/admin' });
      return reply.redirect('/admin/login', 303);
    });

    admin.get('/admin', async (req, reply) => {
      const claims = adminClaims(req);
      if (!claims) return reply.redirect('/admin/login', 303);
      const { status } = ListQuery.parse(req.query ?? {});
      const { data } = await listOrders(deps.db, { status, limit: 50, cursor: null });
      return page(reply, 'orders', { admin: claims.sub, status: status ?? '', statuses: ORDER_STATUSES, rows: data.map((o) => rowModel(o)) });
    });

    // Signed in first: a stranger is told to log in, whatever token they send.
    admin.post('/admin/orders/:id/:action', { preHandler: [signedIn, admin.csrfProtection] }, async (req, reply) => {
      const claims = req.claims!;
      const params = ActionParams.safeParse(req.params);
      if (!params.success) return reply.code(404).type('text/plain').send('No such action');
      const { id, action } = params.data;
      const order = await readOrderView(deps.db, id);
      if (!order) return reply.code(404).type('text/plain').send('No such order');
      const body = ActionBody.safeParse(req.body);
      const carrier = body.success ? body.data?.carrier : undefined;
      const trackingNumber = body.success ? body.data?.trackingNumber : undefined;
      if (needsShipment(action) && (!carrier || !trackingNumber)) return page(reply, 'row', rowModel(order, 'Shipping needs a carrier and a tracking number.'));
      try {
        const updated = await actOnOrder(deps.client, id, action, {
          actor: { type: 'admin', id: claims.sub },
          ...(needsShipment(action) ? { carrier, trackingNumber } : {}),
          requestIp: clientIp(req) ?? undefined,
          userAgent: req.headers['user-agent']?.slice(0, 512),
        }, { deadlineSeconds: deps.config.orderAnswerTimeoutSeconds });
        return page(reply, 'row', rowModel(updated));
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
        const current = (await readOrderView(deps.db, id)) ?? order;
        const message = err.code === 'INVALID_STATE_TRANSITION' ? `Cannot ${action}: ${err.message}` : err.message;
        return page(reply, 'row', rowModel(current, message.slice(0, 200)));
      }
    });
  });
}
