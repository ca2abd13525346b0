import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { v7 as uuid } from 'uuid';
import { rawCall, createCustomer, createProduct, eventually, orderBody } from '../support/fixtures';
import { createPromo } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';
import { createStaff, STAFF_PASSWORD, type StaffAccount } from '../support/staff';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** `npm run screenshots` sets this to docs/screenshots; otherwise they go to a temporary folder. */
const SHOTS = process.env.SCREENSHOTS_DIR ?? path.join(os.tmpdir(), 'orderly-console-screenshots');
const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 860 };

let stack: Stack;
let browser: Browser;
let base: string;
let staff: StaffAccount;

beforeAll(async () => {
  stack = await startStack();
  await stack.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  staff = await createStaff(stack, 'staff', 'Ana Cruz');
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A browser window signed in as `account`, failing the test on any script error or CSP violation. */
async function signedIn(account: StaffAccount, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && problems.push(m.text()));
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${base}/admin/orders`);
  expect(new URL(page.url()).pathname).toBe('/admin/login');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/admin/orders`), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { context, page, problems };
}

/** A Philippine mobile number no other test customer has. */
const uniquePhone = () => `0917${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

async function placeOrder(items: { productId: string; quantity: number }[], overrides: Record<string, unknown> = {}, customer?: { id: string; token: string }) {
  const who = customer ?? (await createCustomer(stack));
  const created = await rawCall(stack, 'POST', '/v1/orders', { token: who.token, body: orderBody(items, overrides) });
  if (created.status !== 201) throw new Error(`order: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as { id: string; status: string };
}

/** Something in every list the pages show: a held order, one about to expire, an open error on an order, a dead notification, a used promo code. */
async function aDayOfWork(): Promise<void> {
  const pricey = await createProduct(stack, { priceCentavos: 5_500_000, stockOnHand: 3 });
  await placeOrder([{ productId: pricey, quantity: 1 }], { paymentMethod: 'cod' });
  const { code } = await createPromo(stack);
  const productId = await createProduct(stack, { priceCentavos: 45_000, stockOnHand: 12 });
  const expiring = await placeOrder([{ productId, quantity: 3 }], { promoCode: code });
  // The reservation clock of a real order is the workflow's; only the column the queue reads is moved here.
  await stack.db('orders').where({ id: expiring.id }).update({ reservation_expires_at: new Date(Date.now() + 6 * 60_000) });
  await stack.db('order_errors').insert({ id: uuid(), order_id: expiring.id, category: 'payment', severity: 'high', code: 'PAYMENT_CAPTURE_FAILED', message: 'The gateway timed out capturing the payment', created_at: new Date() });
  // The order's "created" SMS was recorded as skipped (no SMS provider in this stack): shown as one that failed for good.
  await eventually(async () => expect(await stack.db('notifications').where({ order_id: expiring.id, event: 'created', channel: 'sms' }).first()).toBeDefined());
  await stack.db('notifications').where({ order_id: expiring.id, event: 'created', channel: 'sms' }).update({ status: 'dead', attempts: 5, last_error: 'SMS provider answered 503', updated_at: new Date() });
}

const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe('the staff console in Chromium', () => {
  it('signs in, finds an order by phone, confirms it, ships it with tracking and shows the timeline naming the staff member', async () => {
    const phone = uniquePhone();
    const customer = await createCustomer(stack, { phone, name: 'Juan dela Cruz' });
    const productId = await createProduct(stack, { priceCentavos: 25_000, stockOnHand: 10 });
    const order = await placeOrder([{ productId, quantity: 2 }], {}, customer);
    expect(order.status).toBe('pending');

    const { context, page, problems } = await signedIn(staff);
    await page.getByLabel('Order id, e-mail, phone or SKU').fill(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.locator('tbody tr[data-status]');
    await expect(rows.count()).resolves.toBe(1);
    const row = page.locator(`#order-${order.id}`);
    await expect(row.locator('td').nth(1).textContent()).resolves.toContain('Juan dela Cruz');
    await expect(row.locator('.badge').textContent()).resolves.toBe('pending');

    await Promise.all([page.waitForURL(`${base}/admin/orders/${order.id}`), row.getByRole('link').click()]);
    await page.getByText('Confirm…').click();
    await page.getByLabel('Reason (optional)').first().fill('paid by GCash');
    await page.getByRole('button', { name: 'Yes, confirm this order' }).click();
    await page.getByText('Done: confirm.').waitFor({ timeout: 30_000 });
    await expect(page.locator('h1 .badge').textContent()).resolves.toBe('confirmed');

    await page.getByText('Ship…').click();
    // Without a tracking number the server refuses with the API's schema and says which field.
    await page.getByLabel('Carrier').fill('LBC');
    await page.getByRole('button', { name: 'Yes, ship this order' }).click();
    await page.locator('.field-error').first().waitFor();
    await expect(page.locator('h1 .badge').textContent()).resolves.toBe('confirmed');
    await page.getByLabel('Carrier').fill('LBC');
    await page.getByLabel('Tracking number').fill('LBC-123456789');
    await page.getByRole('button', { name: 'Yes, ship this order' }).click();
    await page.getByText('Done: ship.').waitFor({ timeout: 30_000 });
    await expect(page.locator('h1 .badge').textContent()).resolves.toBe('shipped');
    await expect(page.locator('dl.kv').first().textContent()).resolves.toContain('LBC-123456789');

    const timeline = await page.locator('#timeline li').allTextContents();
    expect(timeline.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^pending by .*\(customer\)/),
      expect.stringMatching(/^pending → confirmed by Ana Cruz \(admin\).*paid by GCash/),
      expect.stringMatching(/^confirmed → shipped by Ana Cruz \(admin\)/),
    ]);
    const fetched = await rawCall(stack, 'GET', `/v1/orders/${order.id}`, { token: stack.adminToken });
    expect(fetched.body).toMatchObject({ status: 'shipped', carrier: 'LBC', trackingNumber: 'LBC-123456789' });
    expect(fetched.body.history.at(-1).actor).toEqual({ type: 'admin', id: staff.id });
    await shoot(page, 'order-desktop');
    await page.setViewportSize(PHONE);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await shoot(page, 'order-phone');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('verifies an order held for verification from its queue, showing the fraud reason', async () => {
    const productId = await createProduct(stack, { priceCentavos: 6_000_000, stockOnHand: 5 });
    const held = await placeOrder([{ productId, quantity: 1 }], { paymentMethod: 'cod' });
    expect(held.status).toBe('awaiting_verification');

    const { context, page, problems } = await signedIn(staff);
    await page.goto(`${base}/admin/queues`);
    const row = page.locator(`#q-verification-${held.id}`);
    await expect(row.textContent()).resolves.toContain('VERIFICATION_REQUIRED');
    await row.getByText('Verify…').click();
    await row.getByRole('button', { name: 'Yes, verify this order' }).click();
    await page.getByText(/verify done, now pending/).waitFor({ timeout: 30_000 });
    expect((await rawCall(stack, 'GET', `/v1/orders/${held.id}`, { token: stack.adminToken })).body.status).toBe('pending');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses a stock adjustment below what is reserved and says why, changing nothing', async () => {
    const productId = await createProduct(stack, { stockOnHand: 10 });
    await placeOrder([{ productId, quantity: 6 }]);
    const { context, page, problems } = await signedIn(staff);
    await page.goto(`${base}/admin/inventory/${productId}`);
    await expect(page.locator('#reserved').textContent()).resolves.toBe('6');
    await page.getByLabel('Change on hand by (e.g. 20 or -3)').fill('-8');
    await page.getByLabel('Reason').fill('shelf count');
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    await page.locator('#stock-error').waitFor();
    await expect(page.locator('#stock-error').textContent()).resolves.toMatch(/below the 6 reserved/);
    await expect(page.locator('#on-hand').textContent()).resolves.toBe('10');

    await page.getByLabel('Change on hand by (e.g. 20 or -3)').fill('5');
    await page.getByLabel('Reason').fill('delivery from supplier');
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    await page.getByText('Stock changed by +5.').waitFor();
    await expect(page.locator('#on-hand').textContent()).resolves.toBe('15');
    await expect(page.locator('#product-body table').textContent()).resolves.toContain('delivery from supplier');
    expect((await rawCall(stack, 'GET', `/v1/products/${productId}`, { token: stack.adminToken })).body.stockOnHand).toBe(15);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('resolves an error from the error log with a note', async () => {
    const errorId = uuid();
    await stack.db('order_errors').insert({ id: errorId, category: 'system', severity: 'critical', code: 'TEST_FAILURE', message: `Browser test error ${randomUUID()}`, created_at: new Date() });
    const { context, page, problems } = await signedIn(staff);
    await page.goto(`${base}/admin/errors?severity=critical`);
    const row = page.locator(`#error-${errorId}`);
    await row.getByText('Resolve TEST_FAILURE…').click();
    await row.getByLabel('What was done').fill('restarted the worker');
    await row.getByRole('button', { name: 'Yes, mark resolved' }).click();
    await page.locator(`#error-${errorId}[data-resolved=true]`).waitFor();
    await expect(page.locator(`#error-${errorId} .state`).textContent()).resolves.toContain('restarted the worker');
    const stored = await stack.db('order_errors').where({ id: errorId }).first();
    expect(stored.resolved_by).toBe(staff.id);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a viewer no actions and refuses the action they post anyway', async () => {
    const viewer = await createStaff(stack, 'viewer', 'Vic Viewer');
    const productId = await createProduct(stack);
    const order = await placeOrder([{ productId, quantity: 1 }]);
    const { context, page, problems } = await signedIn(viewer);
    await page.goto(`${base}/admin/orders/${order.id}`);
    await expect(page.locator('#order-actions').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /confirm/i }).count()).resolves.toBe(0);
    const csrf = JSON.parse((await page.locator('body').getAttribute('hx-headers:inherited'))!)['x-csrf-token'];
    const refused = await page.request.post(`${base}/admin/orders/${order.id}/confirm`, { headers: { 'x-csrf-token': csrf }, form: { reason: 'sneaky' } });
    expect(refused.status()).toBe(403);
    expect((await rawCall(stack, 'GET', `/v1/orders/${order.id}`, { token: stack.adminToken })).body.status).toBe('pending');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('renders every main page at desktop and phone width without script or CSP errors, and draws the chart', async () => {
    await aDayOfWork();
    const { context, page, problems } = await signedIn(staff);
    const pages = { home: '/admin', orders: '/admin/orders', queues: '/admin/queues', inventory: '/admin/inventory', errors: '/admin/errors?resolved=all', notifications: '/admin/notifications', customers: '/admin/customers', promos: '/admin/promos' };
    for (const [name, url] of Object.entries(pages)) {
      for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        await page.setViewportSize(viewport);
        const res = await page.goto(`${base}${url}`);
        expect(res?.status()).toBe(200);
        if (name === 'home') await page.locator('#orders-chart[data-drawn=true] canvas').waitFor();
        // Nothing wider than the window: a phone scrolls tables inside their own box, not the page.
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await shoot(page, `${name}-${size}`);
      }
    }
    await page.context().clearCookies();
    await page.goto(`${base}/admin/login`);
    await shoot(page, 'login-phone');
    expect(problems).toEqual([]);
    await context.close();
  });
});
