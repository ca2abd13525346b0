import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { StaffRole } from '../../domain/staff';
import { hashPassword } from '../../lib/passwords';
import { insertStaff } from '../../store/staff-store';
import type { Stack } from './stack';

export const STAFF_PASSWORD = 'correct horse battery staple';

export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

/** A staff account straight in the database (what npm run staff:create writes), with STAFF_PASSWORD. */
export async function createStaff(stack: Stack, role: StaffRole, name = `Staff ${role}`): Promise<StaffAccount> {
  const email = `${role}-${randomUUID()}@shop.example`;
  const id = await insertStaff(stack.db, { email, name, role, passwordHash: await hashPassword(STAFF_PASSWORD) });
  return { id, email, name, role };
}

const cookiesOf = (res: LightMyRequestResponse) => Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));

/** The CSRF token a console page hands htmx. */
export const csrfTokenOf = (html: string) => /hx-headers:inherited='\{"x-csrf-token":"([^"]+)"\}'/.exec(html)?.[1] ?? '';

/** The login page's CSRF cookie and token, as a browser would hold them before signing in. */
export async function loginPage(stack: Stack): Promise<{ cookies: Record<string, string>; token: string }> {
  const page = await stack.app.inject({ method: 'GET', url: '/admin/login' });
  return { cookies: cookiesOf(page), token: csrfTokenOf(page.body) };
}

/** Posts the sign-in form (as a same-origin browser form would). */
export async function postSignIn(stack: Stack, email: string, password: string): Promise<LightMyRequestResponse> {
  const { cookies, token } = await loginPage(stack);
  return stack.app.inject({
    method: 'POST',
    url: '/admin/login',
    cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:80' },
    payload: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
}

/** Signs in and opens the home page: the cookies (session and CSRF) and the CSRF token a page's htmx sends. */
export async function signIn(stack: Stack, account: StaffAccount): Promise<{ cookies: Record<string, string>; token: string }> {
  const res = await postSignIn(stack, account.email, STAFF_PASSWORD);
  if (res.statusCode !== 303) throw new Error(`sign-in: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const session = cookiesOf(res).orderly_session;
  const home = await stack.app.inject({ method: 'GET', url: '/admin', cookies: { orderly_session: session } });
  if (home.statusCode !== 200) throw new Error(`home: ${home.statusCode}`);
  return { cookies: { orderly_session: session, _csrf: cookiesOf(home)._csrf }, token: csrfTokenOf(home.body) };
}
