import { reply } from '../support/api';
import { customerToken } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let unlimited: Stack;
beforeAll(async () => {
  // No workflow runs here: every request is answered by the API itself.
  stack = await startStack({ worker: false, env: { RATE_LIMIT_PER_SECOND: '5', RATE_LIMIT_ORDERS_PER_MINUTE: '3', RATE_LIMIT_LOGIN_PER_MINUTE: '2' } });
  unlimited = await startStack({ worker: false, env: { RATE_LIMIT_PER_SECOND: '0', RATE_LIMIT_ORDERS_PER_MINUTE: '0', RATE_LIMIT_LOGIN_PER_MINUTE: '0' } });
});
afterAll(async () => {
  await unlimited?.close();
  await stack?.close();
});

let n = 0;
/** A client of its own per test: buckets are per token subject or per address, so tests never share one. */
const someone = () => customerToken(`rate-${process.pid}-${++n}`);
const someAddress = () => `192.0.2.${++n % 250}`;

type Req = { method?: 'GET' | 'POST'; url: string; token?: string; remoteAddress?: string; headers?: Record<string, string>; payload?: string | object };
const send = (s: Stack, r: Req) =>
  s.app.inject({
    method: r.method ?? 'GET',
    url: r.url,
    remoteAddress: r.remoteAddress,
    headers: { ...(r.token ? { authorization: `Bearer ${r.token}` } : {}), ...r.headers },
    ...(r.payload !== undefined ? { payload: r.payload } : {}),
  });
/** Sends `count` requests at once and returns their status codes. */
const burst = async (s: Stack, count: number, r: () => Req) => (await Promise.all(Array.from({ length: count }, () => send(s, r())))).map((res) => res.statusCode);
/** GET /v1/orders through the typed client; the raw `send` stays for what it cannot do (a chosen peer address, bad tokens, a malformed body, the console). */
const listOrders = (s: Stack, token: string) => reply(s.api(token).GET('/v1/orders'));
const listBurst = async (s: Stack, count: number, token: string) => (await Promise.all(Array.from({ length: count }, () => listOrders(s, token)))).map((res) => res.status);
const tally = (codes: number[]) => codes.reduce<Record<number, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

describe('rate limiting', () => {
  it('answers 429 problem+json RATE_LIMITED with Retry-After once a client passes RATE_LIMIT_PER_SECOND', async () => {
    const token = someone();
    // 20 at once: even if a window boundary falls inside the burst, at most 10 get through.
    const codes = await listBurst(stack, 20, token);
    expect(tally(codes)[429]).toBeGreaterThanOrEqual(10);
    const res = await listOrders(stack, token);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Too Many Requests' });
  });

  it('keeps one bucket per token subject, wherever its requests come from', async () => {
    const token = someone();
    const codes = await burst(stack, 20, () => ({ url: '/v1/orders', token, remoteAddress: someAddress() }));
    expect(tally(codes)[429]).toBeGreaterThanOrEqual(10);
    expect((await listOrders(stack, someone())).status).toBe(200);
  });

  it('keeps one bucket per address for requests without a valid token, forged X-Forwarded-For or not', async () => {
    const address = someAddress();
    const codes = await burst(stack, 20, () => ({ url: '/openapi.json', remoteAddress: address, headers: { 'x-forwarded-for': someAddress() } }));
    expect(tally(codes)[429]).toBeGreaterThanOrEqual(10);
    const badToken = await burst(stack, 3, () => ({ url: '/v1/orders', remoteAddress: address, token: 'not-a-token' }));
    expect(badToken).toEqual([429, 429, 429]);
    expect((await send(stack, { url: '/openapi.json', remoteAddress: someAddress() })).statusCode).toBe(200);
  });

  it('limits POST /v1/orders to RATE_LIMIT_ORDERS_PER_MINUTE', async () => {
    const token = someone();
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await send(stack, { method: 'POST', url: '/v1/orders', token, payload: { items: 'not a list' } })).statusCode);
    expect(codes).toEqual([400, 400, 400, 429, 429]);
    // Other routes keep their own, per-second budget.
    expect((await listOrders(stack, token)).status).toBe(200);
  });

  it('limits POST /admin/login to RATE_LIMIT_LOGIN_PER_MINUTE per address', async () => {
    const address = someAddress();
    const login = () => send(stack, { method: 'POST', url: '/admin/login', remoteAddress: address, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'token=guess' });
    expect((await login()).statusCode).not.toBe(429);
    expect((await login()).statusCode).not.toBe(429);
    const third = await login();
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('never limits /healthz and /metrics', async () => {
    const address = someAddress();
    expect(tally(await burst(stack, 30, () => ({ url: '/healthz', remoteAddress: address })))).toEqual({ 200: 30 });
    expect(tally(await burst(stack, 30, () => ({ url: '/metrics', remoteAddress: address })))).toEqual({ 200: 30 });
  });

  it('is off when the limits are 0', async () => {
    const token = someone();
    expect(tally(await listBurst(unlimited, 30, token))).toEqual({ 200: 30 });
  });
});
