import type { LightMyRequestResponse as Response } from 'fastify';
import { placePendingOrder } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';
import { createStaff, signIn, STAFF_PASSWORD, type StaffAccount } from '../support/staff';

let stack: Stack;
let staff: StaffAccount;
beforeAll(async () => {
  stack = await startStack();
  staff = await createStaff(stack, 'staff');
});
afterAll(() => stack?.close());

const FORM = 'application/x-www-form-urlencoded';
/** inject's requests go to http://localhost:80. */
const SELF = 'http://localhost:80';

const pendingOrder = async () => (await placePendingOrder(stack)).id;
const statusOf = async (orderId: string) => (await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }))).body.status;

const cookiesOf = (res: Response) => Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
const csrfCookie = (res: Response) => cookiesOf(res)._csrf ?? '';

/** A signed-in staff member's cookies (session, CSRF) and the CSRF token htmx sends with every request. */
const adminPage = () => signIn(stack, staff);

const problem = (res: Response, status: number, code: string) => {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status, code });
};

describe('admin page requests from other sites', () => {
  it('refuses a cross-site text/plain POST carrying the admin cookie, and the order stays pending', async () => {
    const orderId = await pendingOrder();
    const res = await stack.app.inject({
      method: 'POST',
      url: `/admin/orders/${orderId}/cancel`,
      cookies: (await adminPage()).cookies,
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      payload: 'reason=gotcha',
    });
    problem(res, 403, 'FORBIDDEN');
    expect(await statusOf(orderId)).toBe('pending');
  });

  it('refuses a POST whose Sec-Fetch-Site says it came from another site', async () => {
    const orderId = await pendingOrder();
    const { cookies, token } = await adminPage();
    const res = await stack.app.inject({
      method: 'POST',
      url: `/admin/orders/${orderId}/cancel`,
      cookies,
      headers: { 'sec-fetch-site': 'cross-site', 'x-csrf-token': token, 'content-type': FORM },
      payload: '',
    });
    problem(res, 403, 'FORBIDDEN');
    expect(await statusOf(orderId)).toBe('pending');
  });

  it('refuses a same-origin POST without the page CSRF token', async () => {
    const orderId = await pendingOrder();
    const { cookies } = await adminPage();
    const res = await stack.app.inject({ method: 'POST', url: `/admin/orders/${orderId}/confirm`, cookies, headers: { origin: SELF, 'content-type': FORM }, payload: '' });
    problem(res, 403, 'FORBIDDEN');
    expect(await statusOf(orderId)).toBe('pending');
  });

  it('acts with the CSRF token the page gives htmx', async () => {
    const orderId = await pendingOrder();
    const { cookies, token } = await adminPage();
    expect(token).not.toBe('');
    const res = await stack.app.inject({
      method: 'POST',
      url: `/admin/orders/${orderId}/confirm`,
      cookies,
      headers: { origin: SELF, 'sec-fetch-site': 'same-origin', 'x-csrf-token': token, 'content-type': FORM },
      payload: '',
    });
    expect(res.statusCode).toBe(303);
    expect(await statusOf(orderId)).toBe('confirmed');
  });

  it('refuses a text/plain body even with the token', async () => {
    const orderId = await pendingOrder();
    const { cookies, token } = await adminPage();
    const res = await stack.app.inject({ method: 'POST', url: `/admin/orders/${orderId}/cancel`, cookies, headers: { 'x-csrf-token': token, 'content-type': 'text/plain' }, payload: 'x' });
    problem(res, 415, 'VALIDATION_ERROR');
    expect(await statusOf(orderId)).toBe('pending');
  });

  it('signs in only with the CSRF token of the login page', async () => {
    const form = (body: Record<string, string>) => new URLSearchParams(body).toString();
    const without = await stack.app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': FORM }, payload: form({ email: staff.email, password: STAFF_PASSWORD }) });
    problem(without, 403, 'FORBIDDEN');

    const login = await stack.app.inject({ method: 'GET', url: '/admin/login' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
    const res = await stack.app.inject({
      method: 'POST',
      url: '/admin/login',
      cookies: { _csrf: csrfCookie(login) },
      headers: { 'content-type': FORM, origin: SELF },
      payload: form({ email: staff.email, password: STAFF_PASSWORD, _csrf: csrf }),
    });
    expect(res.statusCode).toBe(303);
    expect(cookiesOf(res).orderly_session).toMatch(/^[\w-]{43}$/);
  });
});

describe('admin page security headers', () => {
  it('sends a Content-Security-Policy that allows only our own scripts and no framing, and nosniff', async () => {
    const { cookies } = await adminPage();
    for (const url of ['/admin/login', '/admin', '/admin/orders', '/admin/inventory']) {
      const res = await stack.app.inject({ method: 'GET', url, cookies });
      expect(res.statusCode).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/script-src 'self'( 'nonce-[0-9a-f]+')?;/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('keeps the console out of the OpenAPI document', async () => {
    const doc = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/admin'))).toEqual([]);
  });

  it('leaves the API docs working', async () => {
    const docs = await stack.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
    expect((await stack.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' })).statusCode).toBe(200);
  });
});
