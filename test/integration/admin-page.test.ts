import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { createCustomer, createProduct, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let stack: Stack;
let browser: Browser;
let base: string;

beforeAll(async () => {
  stack = await startStack();
  await stack.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the admin page', () => {
  it('logs an admin in, lists a pending order and confirms it from its row', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { priceCentavos: 25_000, stockOnHand: 10 });
    const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }]) }));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    const orderId: string = created.body.id;

    const page = await browser.newPage();
    // A script or style that the Content-Security-Policy blocks shows up as a console error; scripts that fail, as page errors.
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && consoleErrors.push(m.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('textarea[name=token]', stack.adminToken);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button[type=submit]')]);

    const row = page.locator(`#order-${orderId}`);
    await expect(row.locator('.status').textContent()).resolves.toBe('pending');
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('₱600.00');
    expect(await row.locator('button').allTextContents()).toEqual(['Confirm', 'Cancel']);
    await page.screenshot({ path: '/tmp/admin-page.png', fullPage: true });

    await row.getByRole('button', { name: 'Confirm' }).click();
    await page.locator(`#order-${orderId}[data-status=confirmed]`).waitFor({ timeout: 30_000 });
    expect(await row.locator('.status').textContent()).toBe('confirmed');
    expect(await row.locator('button').allTextContents()).toEqual(['Ship', 'Cancel']);

    const fetched = await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }));
    expect(fetched.body.status).toBe('confirmed');
    expect(fetched.body.history.at(-1).actor).toEqual({ type: 'admin', id: 'staff-1' });

    // Confirming again is refused by the workflow: the row says so, no 500.
    const csrf = JSON.parse((await page.locator('body').getAttribute('hx-headers:inherited'))!)['x-csrf-token'];
    const again = await page.request.post(`${base}/admin/orders/${orderId}/confirm`, { headers: { 'x-csrf-token': csrf } });
    expect(again.status()).toBe(200);
    expect(await again.text()).toMatch(/class="error"/);

    // The status filter submits itself on change (a script the page's CSP lets through by its nonce).
    await Promise.all([page.waitForURL(`${base}/admin?status=confirmed`), page.selectOption('#status', 'confirmed')]);
    await expect(page.locator(`#order-${orderId} .status`).textContent()).resolves.toBe('confirmed');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('refuses a customer token at login and sends strangers to the login page', async () => {
    const customer = await createCustomer(stack);
    const page = await browser.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill('textarea[name=token]', customer.token);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url() === `${base}/admin/login` && r.request().method() === 'POST'), page.click('button[type=submit]')]);
    expect(response.status()).toBe(401);
    await expect(page.locator('.error').textContent()).resolves.toMatch(/not a valid admin token/);

    const action = await page.request.post(`${base}/admin/orders/x/confirm`);
    expect(action.status()).toBe(401);
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.close();
  });
});
