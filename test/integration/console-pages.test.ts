import { randomUUID } from 'node:crypto';
import { rawCall, createCustomer, createProduct, orderBody } from '../support/fixtures';
import { createPromo } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';
import { createStaff, signIn } from '../support/staff';

let stack: Stack;
let session: { cookies: Record<string, string>; token: string };
beforeAll(async () => {
  stack = await startStack();
  session = await signIn(stack, await createStaff(stack, 'admin'));
});
afterAll(() => stack?.close());

const get = (url: string) => stack.app.inject({ method: 'GET', url, cookies: session.cookies });
const post = (url: string, form: Record<string, string>, htmx = false) =>
  stack.app.inject({
    method: 'POST',
    url,
    cookies: session.cookies,
    headers: { origin: 'http://localhost:80', 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': session.token, ...(htmx ? { 'hx-request': 'true' } : {}) },
    payload: new URLSearchParams(form).toString(),
  });
const rowIds = (html: string) => [...html.matchAll(/<tr id="order-([0-9a-f-]+)"/g)].map((m) => m[1]);

async function order(customer: { id: string; token: string }, productId: string, quantity = 1) {
  const created = await rawCall(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity }]) });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('the console order search', () => {
  it('finds orders by customer e-mail, by SKU and by the short id the lists show, and counts matches per status', async () => {
    const email = `search-${randomUUID()}@example.ph`;
    const customer = await createCustomer(stack, { email });
    const productId = await createProduct(stack);
    const sku = (await rawCall(stack, 'GET', `/v1/products/${productId}`, { token: stack.adminToken })).body.sku as string;
    const first = await order(customer, productId);
    const second = await order(customer, productId);
    await post(`/admin/orders/${first}/confirm`, {});

    const byEmail = await get(`/admin/orders?q=${encodeURIComponent(email.toUpperCase())}`);
    expect(rowIds(byEmail.body)).toEqual([second, first]);
    expect(byEmail.body).toMatch(/pending <strong>1<\/strong>/);
    expect(byEmail.body).toMatch(/confirmed <strong>1<\/strong>/);
    expect(rowIds((await get(`/admin/orders?q=${encodeURIComponent(sku)}&status=pending`)).body)).toEqual([second]);
    expect(rowIds((await get(`/admin/orders?q=${second.slice(-8)}`)).body)).toEqual([second]);
  });

  it('pages through results with a keyset cursor, each order once', async () => {
    const customer = await createCustomer(stack, { email: `pages-${randomUUID()}@example.ph` });
    const productId = await createProduct(stack);
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) placed.push(await order(customer, productId));
    const seen: string[] = [];
    let url: string | null = `/admin/orders?per=2&q=${encodeURIComponent((await rawCall(stack, 'GET', `/v1/customers/${customer.id}`, { token: stack.adminToken })).body.email)}`;
    // Two a page: the cursor link is followed until there is none.
    let pages = 0;
    while (url) {
      pages++;
      const page = await get(url);
      seen.push(...rowIds(page.body));
      url = /href="([^"]+)">Older orders/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? null;
    }
    expect(seen).toEqual([...placed].reverse());
    expect(pages).toBe(2);
  });
});

describe('console actions', () => {
  it('shows a refused action (409) in the queue row it came from, changing nothing', async () => {
    const customer = await createCustomer(stack);
    const id = await order(customer, await createProduct(stack));
    await post(`/admin/orders/${id}/cancel`, { reason: 'customer asked' });
    const refused = await post(`/admin/orders/${id}/confirm`, { view: 'row' }, true);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toMatch(/<tr data-status="cancelled">/);
    expect(refused.body).toMatch(/class="error" role="alert">Cannot confirm/);
    expect((await rawCall(stack, 'GET', `/v1/orders/${id}`, { token: stack.adminToken })).body.status).toBe('cancelled');
  });

  it('answers a form posted without JavaScript with a redirect back to the order', async () => {
    const customer = await createCustomer(stack);
    const id = await order(customer, await createProduct(stack));
    const res = await post(`/admin/orders/${id}/confirm`, { reason: 'phoned the customer' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/orders/${id}?done=confirm`);
    expect((await get(res.headers.location as string)).body).toContain('Done: confirm.');
  });

  it('keeps a promo usage limit at or above its redemptions, with the reason under the field', async () => {
    const promo = await createPromo(stack, { usageLimit: 5 });
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const placed = await rawCall(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }], { promoCode: promo.code }) });
    expect(placed.status).toBe(201);
    const refused = await post(`/admin/promos/${promo.id}`, { active: 'on', usageLimit: '0' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="p-usageLimit-error"');
    const saved = await post(`/admin/promos/${promo.id}`, { usageLimit: '1', endsAt: '2099-01-31T12:00' });
    expect(saved.statusCode).toBe(303);
    expect((await rawCall(stack, 'GET', `/v1/promo-codes/${promo.id}`, { token: stack.adminToken })).body).toMatchObject({ usageLimit: 1, active: false, endsAt: '2099-01-31T12:00:00.000Z' });
    const detail = await get(`/admin/promos/${promo.id}`);
    expect(detail.body).toContain('of 1, 0 remaining');
  });
});
