import type { LightMyRequestResponse as Response } from 'fastify';
import { reply } from '../support/api';
import { createCustomer, createProduct, placePendingOrder } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { createStaff, postSignIn, signIn, STAFF_PASSWORD } from '../support/staff';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { STAFF_LOCKOUT_ATTEMPTS: '3', STAFF_LOCKOUT_MINUTES: '10' } });
});
afterAll(() => stack?.close());

const FORM = 'application/x-www-form-urlencoded';
const SELF = 'http://localhost:80';
const sessionOf = (res: Response) => res.cookies.find((c) => c.name === 'orderly_session');

const pendingOrder = async () => (await placePendingOrder(stack)).id;

describe('staff sign-in', () => {
  it('signs a staff member in with a session cookie that is HttpOnly, SameSite=Strict and scoped to /admin, and stores only its hash', async () => {
    const admin = await createStaff(stack, 'admin');
    const res = await postSignIn(stack, admin.email, STAFF_PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = sessionOf(res)!;
    expect(cookie).toMatchObject({ path: '/admin', httpOnly: true, sameSite: 'Strict' });
    const stored = await stack.db('staff_sessions').where({ staff_id: admin.id }).pluck('token_hash');
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toBe(cookie.value);
    const home = await stack.app.inject({ method: 'GET', url: '/admin', cookies: { orderly_session: cookie.value } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(admin.name);
  });

  it('refuses a wrong password with the same answer as an unknown e-mail', async () => {
    const staff = await createStaff(stack, 'staff');
    const wrong = await postSignIn(stack, staff.email, 'not the password at all');
    const unknown = await postSignIn(stack, 'nobody@shop.example', STAFF_PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('do not match an account');
    expect(unknown.body).toContain('do not match an account');
    expect(sessionOf(wrong)).toBeUndefined();
  });

  it('shows field errors from the form schema instead of trying to sign in', async () => {
    const res = await postSignIn(stack, 'not-an-email', '');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="email-error"');
    expect(res.body).toContain('id="password-error"');
  });

  it('locks the account after repeated failures, even to the right password, until the lockout ends', async () => {
    const staff = await createStaff(stack, 'staff');
    for (let i = 0; i < 3; i++) expect((await postSignIn(stack, staff.email, `wrong guess ${i}`)).statusCode).toBe(401);
    const locked = await postSignIn(stack, staff.email, STAFF_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('locked until');
    expect(sessionOf(locked)).toBeUndefined();
    // The lockout's end passes (moved into the past rather than waiting 10 minutes): the right password works again.
    await stack.db('staff_users').where({ id: staff.id }).update({ locked_until: new Date(Date.now() - 1000) });
    const after = await postSignIn(stack, staff.email, STAFF_PASSWORD);
    expect(after.statusCode).toBe(303);
  });

  it('counts failures in a row: a good sign-in in between starts the count again', async () => {
    const staff = await createStaff(stack, 'staff');
    for (let i = 0; i < 2; i++) await postSignIn(stack, staff.email, 'wrong');
    expect((await postSignIn(stack, staff.email, STAFF_PASSWORD)).statusCode).toBe(303);
    for (let i = 0; i < 2; i++) await postSignIn(stack, staff.email, 'wrong');
    expect((await postSignIn(stack, staff.email, STAFF_PASSWORD)).statusCode).toBe(303);
  });

  it('sends an expired session back to the sign-in page and refuses its actions', async () => {
    const staff = await createStaff(stack, 'staff');
    const { cookies, token } = await signIn(stack, staff);
    await stack.db('staff_sessions').where({ staff_id: staff.id }).update({ expires_at: new Date(Date.now() - 1000) });
    const page = await stack.app.inject({ method: 'GET', url: '/admin/orders', cookies });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/login?next=%2Fadmin%2Forders');
    const orderId = await pendingOrder();
    const action = await stack.app.inject({ method: 'POST', url: `/admin/orders/${orderId}/confirm`, cookies, headers: { origin: SELF, 'content-type': FORM, 'x-csrf-token': token }, payload: '' });
    expect(action.statusCode).toBe(401);
    expect((await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }))).body.status).toBe('pending');
  });

  it('ends the session on the server at sign-out, so the old cookie no longer works', async () => {
    const staff = await createStaff(stack, 'viewer');
    const { cookies, token } = await signIn(stack, staff);
    const out = await stack.app.inject({ method: 'POST', url: '/admin/logout', cookies, headers: { origin: SELF, 'content-type': FORM }, payload: `_csrf=${token}` });
    expect(out.statusCode).toBe(303);
    expect(await stack.db('staff_sessions').where({ staff_id: staff.id }).count({ n: '*' }).first()).toMatchObject({ n: 0 });
    const again = await stack.app.inject({ method: 'GET', url: '/admin', cookies });
    expect(again.statusCode).toBe(303);
  });
});

describe('console roles', () => {
  it('shows a viewer no action controls and refuses their POSTs, leaving the order as it was', async () => {
    const viewer = await createStaff(stack, 'viewer');
    const { cookies, token } = await signIn(stack, viewer);
    const orderId = await pendingOrder();
    const page = await stack.app.inject({ method: 'GET', url: `/admin/orders/${orderId}`, cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/admin/orders/${orderId}/confirm`);
    const headers = { origin: SELF, 'content-type': FORM, 'x-csrf-token': token };
    const confirm = await stack.app.inject({ method: 'POST', url: `/admin/orders/${orderId}/confirm`, cookies, headers, payload: '' });
    expect(confirm.statusCode).toBe(403);
    expect((await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }))).body.status).toBe('pending');
    const productId = await createProduct(stack, { stockOnHand: 5 });
    const stock = await stack.app.inject({ method: 'POST', url: `/admin/inventory/${productId}/stock`, cookies, headers, payload: 'delta=10&reason=count' });
    expect(stock.statusCode).toBe(403);
    expect((await reply(stack.api(stack.adminToken).GET('/v1/products/{id}', { params: { path: { id: productId } } }))).body.stockOnHand).toBe(5);
  });

  it('lets staff act on orders but keeps customer edits to admins', async () => {
    const staff = await createStaff(stack, 'staff', 'Jose Rizal');
    const { cookies, token } = await signIn(stack, staff);
    const headers = { origin: SELF, 'content-type': FORM, 'x-csrf-token': token };
    const orderId = await pendingOrder();
    const confirm = await stack.app.inject({ method: 'POST', url: `/admin/orders/${orderId}/confirm`, cookies, headers: { ...headers, 'hx-request': 'true' }, payload: 'reason=paid' });
    expect(confirm.statusCode).toBe(200);
    const order = await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }));
    expect(order.body.status).toBe('confirmed');
    // The history names the staff member: their id as the actor, their name on the console's timeline.
    expect(order.body.history.at(-1)).toMatchObject({ actor: { type: 'admin', id: staff.id }, reason: 'paid' });
    expect(confirm.body).toContain('Jose Rizal');

    const customer = await createCustomer(stack);
    const edit = await stack.app.inject({ method: 'POST', url: `/admin/customers/${customer.id}`, cookies, headers, payload: 'name=Changed&trusted=on' });
    expect(edit.statusCode).toBe(403);
    const admin = await signIn(stack, await createStaff(stack, 'admin'));
    const byAdmin = await stack.app.inject({ method: 'POST', url: `/admin/customers/${customer.id}`, cookies: admin.cookies, headers: { ...headers, 'x-csrf-token': admin.token }, payload: 'name=Changed&trusted=on' });
    expect(byAdmin.statusCode).toBe(303);
    expect((await reply(stack.api(stack.adminToken).GET('/v1/customers/{id}', { params: { path: { id: customer.id } } }))).body).toMatchObject({ name: 'Changed', trusted: true });
  });
});
