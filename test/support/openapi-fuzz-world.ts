import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createSigner } from 'fast-jwt';
import pino from 'pino';
import { recordError } from '../../activities/record-error';
import { mintToken } from '../../lib/tokens';
import { REQUESTABLE_ACTIONS } from '../../domain/order-status';
import { createCustomer, createProduct, orderBody } from './fixtures';
import type { FuzzWorld } from './openapi-fuzz-requests';
import { createPromo } from './promo-fixtures';
import { JWT_SECRET, type Stack } from './stack';
import { reply } from './api';

const HOUR_MS = 3_600_000;
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
const sign = (claims: object, opts: { algorithm?: 'HS256' | 'HS512'; clockTimestamp?: number; expiresIn?: number } = {}) =>
  createSigner({ key: JWT_SECRET, algorithm: opts.algorithm ?? 'HS256', expiresIn: 'expiresIn' in opts ? opts.expiresIn : HOUR_MS, clockTimestamp: opts.clockTimestamp })(claims);

export interface FuzzSetup {
  world: FuzzWorld;
  /** Authorization values with a token the API accepts (requests with them may reach a workflow). */
  accepted: Set<string>;
}

/**
 * A few real customers, products, a promo and orders in several states, and
 * every kind of bearer token worth sending: valid ones for each role, and
 * expired, forged, malformed and wrongly-claimed ones.
 */
export async function buildFuzzWorld(stack: Stack): Promise<FuzzSetup> {
  const owner = await createCustomer(stack);
  const other = await createCustomer(stack);
  const products = [
    await createProduct(stack, { stockOnHand: 1_000 }),
    await createProduct(stack, { stockOnHand: 1_000 }),
    await createProduct(stack, { status: 'inactive' }),
    await createProduct(stack, { priceCentavos: 6_000_000, stockOnHand: 100 }),
  ];
  const promo = await createPromo(stack);

  const orders: string[] = [];
  for (const who of [owner, owner, owner, other]) {
    const res = await reply(stack.api(who.token).POST('/v1/orders', { body: orderBody([{ productId: products[0]!, quantity: 1 }]) }));
    if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
    orders.push(res.body.id);
  }
  // Cash on delivery above the verification threshold: held for an admin to verify.
  const held = await reply(stack.api(owner.token).POST('/v1/orders', { body: orderBody([{ productId: products[3]!, quantity: 1 }], { paymentMethod: 'cod' }) }));
  if (held.body.status !== 'awaiting_verification') throw new Error(`held order: ${held.status} ${JSON.stringify(held.body)}`);
  orders.push(held.body.id);
  // Orders in later states, so actions meet every kind of refusal and success.
  await reply(stack.api(stack.adminToken).POST('/v1/orders/{id}/confirm', { params: { path: { id: orders[1] } } }));
  await reply(stack.api(owner.token).POST('/v1/orders/{id}/cancel', { params: { path: { id: orders[2] } }, body: { reason: 'fuzz' } }));
  // Error log rows to list and resolve (the workflow writes them only when a step fails for good).
  const record = recordError({ db: stack.db, config: stack.config, log: pino({ level: 'silent' }) });
  for (const orderId of orders) await record({ orderId, category: 'system', severity: 'high', code: 'FUZZ_FIXTURE', message: 'written by the fuzz run' });
  const errorIds = (await stack.db('order_errors').select('id')).map((r: { id: unknown }) => String(r.id));
  const webhooks = await webhookFixtures(stack, orders[0]!);

  const bearer = (t: string) => `Bearer ${t}`;
  // Most requests carry the admin's or the owner's token, so they get past authentication (most routes are admin-only).
  const acceptedTokens: [string, number][] = [
    [stack.adminToken, 40],
    [owner.token, 12],
    [other.token, 4],
    [mintToken(JWT_SECRET, randomUUID(), 'customer'), 2], // a customer the database does not know
    [mintToken(JWT_SECRET, "x'; DROP TABLE customers; --", 'customer'), 1],
    // A subject as wide as the columns it ends up in (actor ids hold 64 characters); wider ones are refused below.
    [mintToken(JWT_SECRET, 'a'.repeat(64), 'admin'), 1],
  ];
  const refusedAuthorizations = [
    undefined,
    '',
    'Bearer',
    'Bearer ',
    'Bearer garbage',
    'Basic dXNlcjpwYXNz',
    `Bearer ${'a'.repeat(20_000)}`,
    `Bearer ${stack.adminToken}x`,
    `Bearer ${stack.adminToken} ${stack.adminToken}`,
    bearer(sign({ sub: 'staff-1', role: 'admin' }, { clockTimestamp: Date.now() - 48 * HOUR_MS })), // expired
    bearer(sign({ sub: 'staff-1', role: 'admin' }, { expiresIn: undefined })), // never expires
    bearer(sign({ sub: 'staff-1', role: 'admin' }, { expiresIn: 400 * 24 * HOUR_MS })),
    bearer(sign({ sub: 'a'.repeat(300), role: 'admin' })),
    bearer(mintToken(JWT_SECRET, 'c'.repeat(100), 'customer')),
    bearer(mintToken(JWT_SECRET, 'a'.repeat(65), 'admin')),
    bearer(mintToken(JWT_SECRET, 'a'.repeat(255), 'admin')),
    bearer(mintToken('another-secret-entirely-0123456789-abcdef', 'staff-1', 'admin')),
    bearer(sign({ sub: 'staff-1', role: 'superuser' })),
    bearer(sign({ role: 'admin' })),
    bearer(sign({ sub: 123, role: 'admin' })),
    bearer(sign({ sub: '', role: 'admin' })),
    bearer(sign({ sub: 'staff-1', role: 'admin' }, { algorithm: 'HS512' })),
    `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'staff-1', role: 'admin' })}.`,
  ];
  const accepted = new Set(acceptedTokens.map(([t]) => bearer(t)));
  const authorizations = [
    ...acceptedTokens.map(([t, weight]) => ({ value: bearer(t), weight })),
    // Together about a fifth of all requests.
    ...refusedAuthorizations.map((value) => ({ value, weight: 1 })),
  ];

  const cookies = [
    `orderly_session=${stack.adminToken}`,
    `orderly_session=${owner.token}`,
    'orderly_session=garbage',
    'orderly_session=',
    `a=b; orderly_session=${stack.adminToken}; orderly_session=x`,
    `orderly_session=${'%'.repeat(3000)}`,
  ];

  const idsOf: Record<string, string[]> = {
    orders,
    products,
    customers: [owner.id, other.id],
    'promo-codes': [promo.id],
    errors: errorIds,
    subscriptions: [webhooks.subscriptionId],
    deliveries: [webhooks.deliveryId],
  };
  const known = (path: string, param: string): string[] => {
    if (param === 'action') return [...REQUESTABLE_ACTIONS];
    if (param === 'customerId') return idsOf.customers!;
    if (param === 'orderId') return orders;
    if (param === 'code') return [promo.code];
    // An {id} names a row of the collection in front of it: /v1/orders/{id} -> an order id.
    const collection = /\/([^/{}]+)\/\{[^}]+\}/.exec(path)?.[1];
    return (collection && idsOf[collection]) || [];
  };
  // Unique fields get a fresh value each time, so a mutated example is not simply refused as a duplicate.
  const fresh = (prefix: string) => fc.uuid().map((u) => `${prefix}${u.slice(0, 8)}`);
  const reason = fc.constant({ reason: 'asked by the customer' });
  const exampleBodies: Record<string, fc.Arbitrary<unknown>> = {
    'POST /v1/orders': fc.constantFrom(
      orderBody([{ productId: products[0]!, quantity: 1 }]),
      orderBody([{ productId: products[0]!, quantity: 2 }, { productId: products[1]!, quantity: 1 }], { paymentMethod: 'cod', promoCode: promo.code, notes: 'gate code 1234', source: 'web', expectedTotalCentavos: 30_000 }),
      orderBody([{ productId: products[1]!, quantity: 1 }], { customerId: other.id }),
    ),
    'POST /v1/products': fresh('FUZZ-').map((sku) => ({ sku, name: 'Fuzz Mangoes', priceCentavos: 12_345, stockOnHand: 5, status: 'active', lowStockThreshold: 2 })),
    'PATCH /v1/products/{id}': fc.constant({ name: 'Renamed', priceCentavos: 200, status: 'inactive', lowStockThreshold: 0 }),
    'POST /v1/products/{id}/stock': fc.constantFrom({ delta: 5, reason: 'restock' }, { delta: -1, reason: 'damaged' }),
    'POST /v1/customers': fresh('fuzz-').map((user) => ({ email: `${user}@example.ph`, phone: '09171234567', name: 'Juan dela Cruz', status: 'active', trusted: false })),
    'PATCH /v1/customers/{id}': fc.constant({ name: 'Juana', phone: '+639181234567', status: 'suspended', trusted: true }),
    'POST /v1/promo-codes': fresh('FUZZ').map((code) => ({
      code, kind: 'fixed', value: 100, maxDiscountCentavos: null, minOrderCentavos: 0,
      startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00+08:00', usageLimit: 10, perCustomerLimit: 1, active: true,
    })),
    'PATCH /v1/promo-codes/{id}': fc.constant({ value: 5, usageLimit: 100, endsAt: '2030-01-01T00:00:00Z', active: false }),
    'POST /v1/orders/{id}/ship': fc.constant({ carrier: 'LBC', trackingNumber: 'LBC-123456' }),
    'POST /v1/orders/{id}/cancel': reason,
    'POST /v1/orders/{id}/confirm': reason,
    'POST /v1/orders/{id}/verify': reason,
    'POST /v1/orders/{id}/processing': reason,
    'POST /v1/orders/{id}/deliver': reason,
    'POST /v1/errors/{id}/resolve': fc.constant({ note: 'refunded by hand' }),
    // Paused: a subscription the fuzz makes must not receive the other test files' events.
    'POST /v1/webhooks/subscriptions': fc.constant({ url: 'https://erp.shop.example.ph/orderly', events: ['order.*', 'return.requested'], active: false, description: 'fuzz' }),
    'PATCH /v1/webhooks/subscriptions/{id}': fc.constant({ description: 'renamed', active: false, rotateSecret: true }),
  };
  const examples = (operation: string) => exampleBodies[operation] ?? null;
  return { world: { authorizations, cookies, known, examples }, accepted };
}

/**
 * A paused subscription and a dead delivery of one of the orders, written
 * directly: an active subscription would receive every other test file's
 * events, and a resend of this one ends at once (its subscription is paused).
 */
async function webhookFixtures(stack: Stack, orderId: string): Promise<{ subscriptionId: string; deliveryId: string }> {
  const now = new Date();
  const [subscriptionId, eventId, deliveryId] = [randomUUID(), randomUUID(), randomUUID()];
  await stack.db('webhook_subscriptions').insert({ id: subscriptionId, url: 'https://erp.shop.example.ph/orderly', events: '["*"]', secret: 'whsec_fuzz-fixture-secret', active: false, created_at: now, updated_at: now });
  await stack.db('webhook_events').insert({ id: eventId, type: 'order.created', order_id: orderId, payload: JSON.stringify({ id: eventId, type: 'order.created', orderId, data: {} }), created_at: now });
  await stack.db('webhook_deliveries').insert({ id: deliveryId, event_id: eventId, subscription_id: subscriptionId, order_id: orderId, event_type: 'order.created', status: 'dead', round: 1, attempts: 1, created_at: now, updated_at: now });
  return { subscriptionId, deliveryId };
}
