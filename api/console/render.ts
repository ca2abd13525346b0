import type { FastifyReply, FastifyRequest } from 'fastify';
import { fmt } from './format';
import { staffMay } from '../../domain/staff';

/** The console's sections, in the navigation's order. */
export const NAV = [
  { href: '/admin', label: 'Today' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/queues', label: 'Queues' },
  { href: '/admin/inventory', label: 'Inventory' },
  { href: '/admin/errors', label: 'Errors' },
  { href: '/admin/notifications', label: 'Notifications' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/promos', label: 'Promo codes' },
] as const;

/**
 * Renders a view with what every console page needs: who is signed in and
 * what their role may do (views show action controls only then), the CSP
 * nonces, and the CSRF token that forms and htmx send back.
 */
export function render(req: FastifyRequest, reply: FastifyReply, view: string, data: object, status = 200) {
  const staff = req.staff ?? null;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .view(view, {
      ...data,
      staff,
      canAct: staff ? staffMay(staff.role, 'act') : false,
      canManage: staff ? staffMay(staff.role, 'manage') : false,
      nav: NAV,
      path: req.url.split('?')[0],
      fmt,
      nonce: reply.cspNonce,
      csrf: reply.generateCsrf(),
    });
}

/** htmx asked (swap a fragment) rather than a plain form post (answer with a redirect back). */
export const fromHtmx = (req: FastifyRequest) => req.headers['hx-request'] === 'true';
