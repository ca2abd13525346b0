import { rawCall, createCustomer, createProduct, orderBody } from '../support/fixtures';
import { endOpenWorkflows } from '../support/openapi-fuzz-cleanup';
import { startStack, type Stack } from '../support/stack';

/**
 * Requests the fuzz run found that wedged an order: a header value the
 * database cannot store reached an order step, which then failed on every
 * retry and held the order's workflow (and every later action on it).
 */
let stack: Stack;
beforeAll(async () => {
  // inject connects from 127.0.0.1: trusted as a proxy, its X-Forwarded-For is believed.
  stack = await startStack({ env: { TRUST_PROXY: 'loopback' } });
});
afterAll(async () => {
  await endOpenWorkflows(stack);
  await stack.close();
}, 60_000);

it.each([
  ['10,000 characters of garbage', 'x'.repeat(10_000)],
  ['an IPv6 address with a 100-character zone id', `fe80::1%${'z'.repeat(100)}`],
])('places an order and acts on it when X-Forwarded-For is %s', async (_what, forwardedFor) => {
  const garbageForwardedFor = { 'x-forwarded-for': forwardedFor };
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack);
  const placed = await rawCall(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }]), headers: garbageForwardedFor });
  expect(placed.status).toBe(201);

  const confirmed = await rawCall(stack, 'POST', `/v1/orders/${placed.body.id}/confirm`, { token: stack.adminToken, headers: garbageForwardedFor });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.status).toBe('confirmed');
  const cancelled = await rawCall(stack, 'POST', `/v1/orders/${placed.body.id}/cancel`, { token: stack.adminToken, body: { reason: 'test' } });
  expect(cancelled.body.status).toBe('cancelled');
}, 30_000);
