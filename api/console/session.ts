import type { FastifyReply, FastifyRequest } from 'fastify';
import { staffMay, type StaffMember, type StaffPower } from '../../domain/staff';
import type { ApiDeps } from '../context';
import { readSession } from '../../store/staff-sessions';

export const SESSION_COOKIE = 'orderly_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in staff member on a console route */
    staff?: StaffMember;
  }
}

/** Reads the session cookie of every console request; a missing or expired session leaves req.staff unset. */
export const loadStaff = ({ db }: ApiDeps) =>
  async function (req: FastifyRequest): Promise<void> {
    // Stylesheets and scripts are the same for everyone: no session read for them.
    if (req.url.startsWith('/admin/assets/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.staff = (await readSession(db, token)) ?? undefined;
  };

/** Pages: a stranger is sent to sign in; an action (POST, htmx) is answered 401 with where to go. */
export async function signedIn(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.staff) return;
  if (req.method === 'GET' && !req.headers['hx-request']) return reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`, 303);
  return reply.code(401).type('text/html; charset=utf-8').send('<p class="error" role="alert">Your session has ended: <a href="/admin/login">sign in again</a>.</p>');
}

/** Refuses a role that lacks the power (a viewer's POST), whatever the page showed it. */
export const may = (power: StaffPower) =>
  async function (req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (req.staff && staffMay(req.staff.role, power)) return;
    return reply.code(403).type('text/html; charset=utf-8').send(`<p class="error" role="alert">Your role (${req.staff?.role ?? 'none'}) may not do this.</p>`);
  };
