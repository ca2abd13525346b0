import pino from 'pino';
import { createActivities } from '../../activities';
import { createCustomer, createProduct, eventually, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function placeOrder() {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack);
  const created = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }]) }));
  expect(created.status).toBe(201);
  return { customer, orderId: created.body.id as string };
}

it('answers /metrics with Prometheus text: requests by route pattern and orders by status', async () => {
  const { customer, orderId } = await placeOrder();
  await reply(stack.api(customer.token).GET('/v1/orders/{id}', { params: { path: { id: orderId } } }));

  const res = await stack.app.inject({ method: 'GET', url: '/metrics' });

  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(res.body).toMatch(/^orderly_http_requests_total\{method="POST",route="\/v1\/orders",status_code="201"\} [1-9]/m);
  expect(res.body).toMatch(/^orderly_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/v1\/orders\/:id",status_code="200"\}/m);
  // The route pattern, never the raw URL.
  expect(res.body).not.toContain(orderId);
  expect(Number(/^orderly_orders\{status="pending"\} (\d+)/m.exec(res.body)?.[1])).toBeGreaterThanOrEqual(1);
  expect(res.body).toMatch(/^orderly_orders\{status="delivered"\} \d+/m);
  expect(res.body).toContain('# TYPE orderly_order_rejections gauge');
  expect(res.body).toContain('# TYPE orderly_notifications gauge');
});

it('counts rejected attempts under each of their rule codes', async () => {
  const customer = await createCustomer(stack);
  const rejected = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([], { paymentMethod: 'cod', promoCode: 'NO-SUCH-PROMO' }) }));
  expect(rejected.status).toBe(422);

  // The workflow answers first and records the rejection right after.
  await eventually(async () => {
    const body = (await stack.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(body).toMatch(/^orderly_order_rejections\{code="ORDER_EMPTY"\} [1-9]/m);
    expect(body).toMatch(/^orderly_order_rejections\{code="PROMO_NOT_FOUND"\} [1-9]/m);
  });
});

it('shows the timings recorded by recordOrderMetrics to the owner and admins, and to nobody else', async () => {
  const { customer, orderId } = await placeOrder();
  const { recordOrderMetrics } = createActivities({ db: stack.db, config: stack.config, log: pino({ level: 'silent' }) });
  // Two partial writes, one of them repeated (activities run at least once): each keeps what the other set.
  await recordOrderMetrics({ orderId, committingMs: 56 });
  await recordOrderMetrics({ orderId, endToEndMs: 7_890 });
  await recordOrderMetrics({ orderId, endToEndMs: 7_890 });

  const own = await reply(stack.api(customer.token).GET('/v1/orders/{id}/metrics', { params: { path: { id: orderId } } }));
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({ orderId, committingMs: 56, endToEndMs: 7_890 });
  expect(Date.parse(own.body.updatedAt)).not.toBeNaN();
  expect((await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}/metrics', { params: { path: { id: orderId } } }))).body).toEqual(own.body);

  const stranger = await createCustomer(stack);
  const hidden = await reply(stack.api(stranger.token).GET('/v1/orders/{id}/metrics', { params: { path: { id: orderId } } }));
  expect(hidden.status).toBe(404);
  expect(hidden.body.code).toBe('ORDER_NOT_FOUND');
  expect((await reply(stack.api().GET('/v1/orders/{id}/metrics', { params: { path: { id: orderId } } }))).status).toBe(401);
});
