import { z } from 'zod';
import { DECOY_HASH, verifyPassword } from '../../lib/passwords';
import { createSession, deleteSession } from '../../store/staff-sessions';
import { readStaffLogin, recordFailedLogin, recordGoodLogin } from '../../store/staff-store';
import type { ApiDeps, App } from '../context';
import { parseForm } from './forms';
import { render } from './render';
import { SESSION_COOKIE } from './session';

const SignIn = z.strictObject({ email: z.email('Enter your e-mail address').max(254), password: z.string().min(1, 'Enter your password').max(256), next: z.string().max(500).optional() });
/** Only a console path: an open redirect would send a signed-in person anywhere. */
const safeNext = (next: string | undefined) => (next && /^\/admin(?:[/?]|$)/.test(next) && !next.startsWith('//') ? next : '/admin');

/**
 * Signing in as a person: e-mail and password (argon2id). After
 * STAFF_LOCKOUT_ATTEMPTS failures in a row the account is locked for
 * STAFF_LOCKOUT_MINUTES, even to the right password. The session cookie is
 * HttpOnly, SameSite=Strict, Secure over HTTPS, scoped to /admin, and lives
 * STAFF_SESSION_HOURS; signing out deletes the session on the server too.
 */
export function signInPages(app: App, { db, config }: ApiDeps): void {
  const { sessionHours, lockoutAttempts, lockoutMinutes } = config.staff;

  app.get('/admin/login', (req, reply) => {
    const next = (req.query as { next?: string }).next;
    return render(req, reply, 'login', { errors: {}, values: { next: safeNext(next) }, message: null });
  });

  app.post('/admin/login', { preHandler: app.csrfProtection }, async (req, reply) => {
    const form = parseForm(SignIn, req.body);
    const values = { ...(form.ok ? form.data : form.values), password: '' };
    const refuse = (status: number, message: string) => render(req, reply, 'login', { errors: form.ok ? {} : form.errors, values, message }, status);
    if (!form.ok) return refuse(400, 'Check the fields below.');
    const account = await readStaffLogin(db, form.data.email);
    const now = new Date();
    if (account?.lockedUntil && account.lockedUntil > now) {
      return refuse(429, `Too many failed sign-ins: this account is locked until ${account.lockedUntil.toISOString().slice(11, 16)} UTC.`);
    }
    const good = await verifyPassword(account?.passwordHash ?? DECOY_HASH, form.data.password);
    if (!account || !good) {
      if (account) await recordFailedLogin(db, account.id, { attempts: lockoutAttempts, minutes: lockoutMinutes }, now);
      return refuse(401, 'That e-mail and password do not match an account.');
    }
    await recordGoodLogin(db, account.id, now);
    const token = await createSession(db, account.id, sessionHours, now);
    reply.setCookie(SESSION_COOKIE, token, { path: '/admin', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', maxAge: sessionHours * 3600 });
    return reply.redirect(safeNext(form.data.next), 303);
  });

  app.post('/admin/logout', { preHandler: app.csrfProtection }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/admin' });
    return reply.redirect('/admin/login', 303);
  });
}
