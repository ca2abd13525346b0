import { randomInt } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { createCustomer, createProduct, orderBody } from '../support/fixtures';

/** Raw inject answers: these tests send what no client would (forged headers, odd bodies). */
type Reply = { status: number; body: any; headers: Record<string, unknown> };
import { JWT_SECRET, startStack, type Stack } from '../support/stack';

const METRICS_TOKEN = 'scrape-secret-for-tests';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let stack: Stack;
/** Behind a reverse proxy on 127.0.0.1 that the API is told to trust (every test's requests come from there: no velocity limit). */
let proxied: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { VELOCITY_PER_IP_PER_HOUR: '2', METRICS_TOKEN } });
  proxied = await startStack({ env: { TRUST_PROXY: '127.0.0.1' } });
});
afterAll(async () => {
  await proxied?.close();
  await stack?.close();
});

/** An address of its own per test, so the per-IP velocity count starts at zero whatever ran before. */
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function inject(
  s: Stack,
  method: 'GET' | 'POST',
  url: string,
  opts: { token?: string; body?: object; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<Reply> {
  const res = await s.app.inject({
    method,
    url,
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    remoteAddress: opts.remoteAddress,
    ...(opts.body ? { payload: opts.body } : {}),
  });
  const json = res.headers['content-type']?.toString().includes('json');
  return { status: res.statusCode, body: json ? JSON.parse(res.body) : res.body, headers: res.headers };
}

const expectProblem = (res: Reply, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code });
};

/** Places an order as a new customer (so the per-customer velocity never interferes). */
async function placeOrder(s: Stack, headers: Record<string, string>, remoteAddress?: string) {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack);
  return inject(s, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }]), headers, remoteAddress });
}
const storedIp = async (orderId: string) => (await stack.db('orders').where({ id: orderId }).first('client_ip')).client_ip;

describe('the client address without TRUST_PROXY', () => {
  it('records the connecting address, whatever X-Forwarded-For claims', async () => {
    const address = someAddress();
    const res = await placeOrder(stack, { 'x-forwarded-for': '203.0.113.50' }, address);
    expect(res.status).toBe(201);
    expect(await storedIp(res.body.id)).toBe(address);
  });

  it('keeps the per-IP velocity limit when each request forges another X-Forwarded-For', async () => {
    const address = someAddress();
    expect((await placeOrder(stack, { 'x-forwarded-for': '203.0.113.1' }, address)).status).toBe(201);
    expect((await placeOrder(stack, { 'x-forwarded-for': '203.0.113.2' }, address)).status).toBe(201);
    const third = await placeOrder(stack, { 'x-forwarded-for': '203.0.113.3' }, address);
    expectProblem(third, 422, 'ORDER_REJECTED');
    expect(third.body.errors.map((e: { code: string }) => e.code)).toEqual(['VELOCITY_LIMIT_EXCEEDED']);
  });

  it('places the order when X-Forwarded-For is 100 characters of junk', async () => {
    const address = someAddress();
    const res = await placeOrder(stack, { 'x-forwarded-for': 'x'.repeat(100) }, address);
    expect(res.status).toBe(201);
    expect(await storedIp(res.body.id)).toBe(address);
  });

  it('records the connecting address in the history of a cancel', async () => {
    const address = someAddress();
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const created = await inject(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }]), remoteAddress: address });
    const cancelled = await inject(stack, 'POST', `/v1/orders/${created.body.id}/cancel`, {
      token: customer.token,
      body: { reason: 'changed my mind' },
      headers: { 'x-forwarded-for': '203.0.113.99' },
      remoteAddress: address,
    });
    expect(cancelled.status).toBe(200);
    const row = await stack.db('order_status_history').where({ order_id: created.body.id, to_status: 'cancelled' }).first('request_ip');
    expect(row.request_ip).toBe(address);
  });
});

describe('the client address with TRUST_PROXY=127.0.0.1', () => {
  it('takes the address the trusted proxy appended, not one the client put before it', async () => {
    const res = await placeOrder(proxied, { 'x-forwarded-for': '198.51.100.1, 203.0.113.77' }, '127.0.0.1');
    expect(res.status).toBe(201);
    expect(await storedIp(res.body.id)).toBe('203.0.113.77');
  });

  it('ignores X-Forwarded-For from an address that is not the proxy', async () => {
    const address = someAddress();
    const res = await placeOrder(proxied, { 'x-forwarded-for': '203.0.113.78' }, address);
    expect(res.status).toBe(201);
    expect(await storedIp(res.body.id)).toBe(address);
  });

  it('falls back to the proxy address when the forwarded one is not an IP address', async () => {
    const res = await placeOrder(proxied, { 'x-forwarded-for': 'x'.repeat(100) }, '127.0.0.1');
    expect(res.status).toBe(201);
    expect(await storedIp(res.body.id)).toBe('127.0.0.1');
  });
});

describe('bearer tokens', () => {
  const sign = (opts: { expiresInMs?: number; issuedAt?: number }) =>
    createSigner({ key: JWT_SECRET, algorithm: 'HS256', expiresIn: opts.expiresInMs, clockTimestamp: opts.issuedAt })({ sub: 'token-test', role: 'customer' });
  const list = (token: string) => inject(stack, 'GET', '/v1/orders', { token });

  it('refuses a token without an expiry', async () => {
    expectProblem(await list(sign({})), 401, 'UNAUTHENTICATED');
  });

  it('refuses a token issued in the future beyond a minute of clock skew', async () => {
    expectProblem(await list(sign({ expiresInMs: HOUR_MS, issuedAt: Date.now() + 10 * 60_000 })), 401, 'UNAUTHENTICATED');
  });

  it('accepts a token issued a few seconds in the future (clock skew)', async () => {
    expect((await list(sign({ expiresInMs: HOUR_MS, issuedAt: Date.now() + 30_000 }))).status).toBe(200);
  });

  it('refuses a token that lives longer than AUTH_MAX_TOKEN_LIFETIME_DAYS (30)', async () => {
    expectProblem(await list(sign({ expiresInMs: 365 * DAY_MS })), 401, 'UNAUTHENTICATED');
    expect((await list(sign({ expiresInMs: 30 * DAY_MS }))).status).toBe(200);
  });

  it('never takes an API token as a console session, in the old admin cookie or the session cookie', async () => {
    const forever = createSigner({ key: JWT_SECRET, algorithm: 'HS256' })({ sub: 'staff-1', role: 'admin' });
    const tries: Record<string, string>[] = [{ orderly_admin: forever }, { orderly_session: forever }, { orderly_session: stack.adminToken }];
    for (const cookies of tries) {
      const res = await stack.app.inject({ method: 'GET', url: '/admin', cookies });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/login?next=%2Fadmin');
    }
  });
});

describe('the order source', () => {
  it('refuses source "admin" from a customer with 400 at field source', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const res = await inject(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }], { source: 'admin' }), remoteAddress: someAddress() });
    expectProblem(res, 400, 'VALIDATION_ERROR');
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'source' })]);
  });

  it('lets an admin place an order with source "admin"', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const res = await inject(stack, 'POST', '/v1/orders', {
      token: stack.adminToken,
      body: orderBody([{ productId, quantity: 1 }], { source: 'admin', customerId: customer.id }),
      remoteAddress: someAddress(),
    });
    expect(res.status).toBe(201);
    expect(res.body.source).toBe('admin');
  });
});

describe('/metrics with METRICS_TOKEN set', () => {
  it('answers 401 problem+json without the token or with another one', async () => {
    expectProblem(await inject(stack, 'GET', '/metrics'), 401, 'UNAUTHENTICATED');
    expectProblem(await inject(stack, 'GET', '/metrics', { token: 'not-it' }), 401, 'UNAUTHENTICATED');
    expectProblem(await inject(stack, 'GET', '/metrics', { token: stack.adminToken }), 401, 'UNAUTHENTICATED');
  });

  it('answers the scrape with the token', async () => {
    const res = await inject(stack, 'GET', '/metrics', { token: METRICS_TOKEN });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^orderly_http_requests_total/m);
  });
});
