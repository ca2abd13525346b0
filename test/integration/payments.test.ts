import { rawCall as call, eventually, product } from '../support/fixtures';
import { checkout, orderOf, orderReaches, paymentsOf, placeOnlineOrder, postWebhook } from '../support/payment-fixtures';
import { createPromo, promo } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';

/**
 * Online payments end to end: the API, the worker and the local payment
 * gateway on real sockets (the adapter calls the gateway's API, the gateway
 * posts signed webhooks to the API), MariaDB and Temporal.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ payments: true });
});
afterAll(() => stack.close());

describe('an order paid online through the gateway', () => {
  it('answers the create with the checkout URL, is paid through the local provider and confirms itself', async () => {
    const { order, productId } = await placeOnlineOrder(stack, { quantity: 3 });
    expect(order.status).toBe('pending');
    expect(order.payment).toMatchObject({ provider: 'gateway', status: 'awaiting', capturedCentavos: 0, amountCentavos: order.totalCentavos });
    expect(order.payment.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/pi_/);

    const paid = await checkout(order.payment.checkoutUrl, 'pay');
    expect(paid.webhook.status).toBe(200);

    const confirmed = await orderReaches(stack, order.id, 'confirmed');
    expect(confirmed.payment).toMatchObject({ status: 'paid', capturedCentavos: order.totalCentavos, refundedCentavos: 0 });
    expect(confirmed.history.at(-1)).toMatchObject({ from: 'pending', to: 'confirmed', actor: { type: 'system', id: 'payment-provider' } });
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 7, stockReserved: 0 });
    const { ledger } = await paymentsOf(stack, order.id);
    expect(ledger.map((l) => `${l.kind}/${l.provider}/${l.amountCentavos}`)).toEqual([`intent/gateway/${order.totalCentavos}`, `capture/gateway/${order.totalCentavos}`]);
  });

  it('releases the stock and the promo when the payment fails', async () => {
    const p = await createPromo(stack);
    const { order, productId } = await placeOnlineOrder(stack, { quantity: 2, promoCode: p.code });
    expect((await promo(stack, p.id)).redemptionsCount).toBe(1);

    await checkout(order.payment.checkoutUrl, 'fail');

    const cancelled = await orderReaches(stack, order.id, 'cancelled');
    expect(cancelled.history.at(-1)).toMatchObject({ to: 'cancelled', actor: { type: 'system', id: 'payment-provider' }, reason: 'payment failed: declined by the issuer' });
    expect(cancelled.payment.status).toBe('failed');
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 10, stockReserved: 0 });
    expect((await promo(stack, p.id)).redemptionsCount).toBe(0);
  });

  it('expires the order when the gateway says the checkout expired', async () => {
    const { order, productId } = await placeOnlineOrder(stack);
    await checkout(order.payment.checkoutUrl, 'expire');
    await orderReaches(stack, order.id, 'expired');
    expect((await product(stack, productId)).stockReserved).toBe(0);
  });

  it('captures a card authorization, then confirms the order', async () => {
    const { order } = await placeOnlineOrder(stack, { method: 'card' });
    await checkout(order.payment.checkoutUrl, 'authorize');
    const confirmed = await orderReaches(stack, order.id, 'confirmed');
    expect(confirmed.payment).toMatchObject({ status: 'paid', capturedCentavos: order.totalCentavos });
    const { ledger } = await paymentsOf(stack, order.id);
    expect(ledger.map((l) => l.kind)).toEqual(['intent', 'authorization', 'capture']);
  });

  it('records a webhook delivered twice once, and confirms the order once', async () => {
    const { order } = await placeOnlineOrder(stack);
    const { webhook } = await checkout(order.payment.checkoutUrl, 'pay');
    const again = await postWebhook(stack, JSON.stringify(webhook.event));
    expect(again.status).toBe(200);
    await orderReaches(stack, order.id, 'confirmed');
    // A third delivery after the order moved on: still one capture, nothing refunded.
    expect((await postWebhook(stack, JSON.stringify(webhook.event))).status).toBe(200);
    const p = await paymentsOf(stack, order.id);
    expect(p.ledger.filter((l) => l.kind === 'capture')).toHaveLength(1);
    expect(p.payment).toMatchObject({ capturedCentavos: order.totalCentavos, refundedCentavos: 0 });
    expect(p.refunds).toEqual([]);
  });

  it('refuses forged, stale and malformed webhooks with 401 problem+json, changing nothing', async () => {
    const { order } = await placeOnlineOrder(stack);
    const body = JSON.stringify({ id: 'evt_forged', type: 'payment.paid', data: { paymentIntentId: order.payment.intentRef, reference: order.id, amountCentavos: order.totalCentavos } });
    const answers = [
      await postWebhook(stack, body, { secret: 'not-the-secret' }),
      await postWebhook(stack, body, { atMs: Date.now() - 3_600_000 }),
      await postWebhook(stack, body, { signature: 'garbage' }),
      await postWebhook(stack, '{"id":"evt_x","type":"payment.refunded","data":{}}'),
      await postWebhook(stack, 'not json at all'),
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.contentType).toContain('application/problem+json');
      expect(a.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    expect((await orderOf(stack, order.id)).status).toBe('pending');
    expect((await paymentsOf(stack, order.id)).ledger.map((l) => l.kind)).toEqual(['intent']);
  });

  it('lets staff confirm an online order awaiting payment, and refunds a payment that comes after', async () => {
    const { order } = await placeOnlineOrder(stack);
    const confirmed = await call(stack, 'POST', `/v1/orders/${order.id}/confirm`, { token: stack.adminToken });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');

    await checkout(order.payment.checkoutUrl, 'pay');
    const p = await eventually(async () => {
      const p = await paymentsOf(stack, order.id);
      expect(p.refunds).toMatchObject([{ status: 'succeeded', amountCentavos: order.totalCentavos }]);
      return p;
    });
    expect(p.payment).toMatchObject({ status: 'refunded', capturedCentavos: order.totalCentavos, refundedCentavos: order.totalCentavos });
    expect((await orderOf(stack, order.id)).status).toBe('confirmed');
  });

  it('refunds a payment that arrives after the order was cancelled and its workflow ended', async () => {
    const { order } = await placeOnlineOrder(stack);
    await call(stack, 'POST', `/v1/orders/${order.id}/cancel`, { token: stack.adminToken, body: { reason: 'customer called' } });
    await eventually(async () => {
      const d = await stack.client.workflow.getHandle(`order-${order.id}`).describe();
      expect(d.status.name).toBe('COMPLETED');
    });
    await checkout(order.payment.checkoutUrl, 'pay');
    await eventually(async () => {
      const p = await paymentsOf(stack, order.id);
      expect(p.refunds).toMatchObject([{ status: 'succeeded', amountCentavos: order.totalCentavos }]);
      expect(p.payment).toMatchObject({ capturedCentavos: order.totalCentavos, refundedCentavos: order.totalCentavos });
    });
  });
});

describe('payments by cash on delivery and bank transfer', () => {
  it('records cash on delivery as collected when the order is delivered, and a bank transfer when staff confirm', async () => {
    const cod = await placeOnlineOrder(stack, { method: 'cod' });
    expect(cod.order.payment).toBeNull();
    for (const action of ['confirm', 'ship', 'deliver']) {
      const body = action === 'ship' ? { carrier: 'LBC', trackingNumber: 'T1' } : undefined;
      expect((await call(stack, 'POST', `/v1/orders/${cod.order.id}/${action}`, { token: stack.adminToken, body })).status).toBe(200);
    }
    expect((await orderOf(stack, cod.order.id)).payment).toMatchObject({ provider: 'cod', status: 'collected', capturedCentavos: cod.order.totalCentavos });

    const bank = await placeOnlineOrder(stack, { method: 'bank_transfer' });
    const confirmed = await call(stack, 'POST', `/v1/orders/${bank.order.id}/confirm`, { token: stack.adminToken });
    expect(confirmed.body.payment).toMatchObject({ provider: 'manual', status: 'collected', capturedCentavos: bank.order.totalCentavos });
  });
});
