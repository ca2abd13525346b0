import { actionSignals } from '../../workflows/contract';
import { StubShop, passes } from '../support/stub-shop';
import { ADMIN, CUSTOMER, SHIPMENT, WorkflowHarness } from '../support/workflow-harness';

// Each test takes a second or two; one that waits far longer is waiting for an answer that will never come.
jest.setTimeout(15_000);

let h: WorkflowHarness;
beforeAll(async () => {
  h = await WorkflowHarness.connect();
});
afterAll(() => h.close());

it('takes an order from placed through confirmed, processing and shipped to delivered, notifying the customer at each step', async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    const placed = await order.place();
    expect(placed).toMatchObject({ ok: true, order: { status: 'pending' } });
    expect(shop.stock.get(order.orderId)).toBe('reserved');

    expect(await order.act('confirm')).toMatchObject({ status: 'confirmed' });
    expect(shop.stock.get(order.orderId)).toBe('committed');
    await order.act('processing');
    expect(await order.act('ship', { actor: ADMIN, ...SHIPMENT })).toMatchObject({ status: 'shipped', carrier: 'LBC', trackingNumber: 'LBC123456' });
    await order.act('deliver');

    expect(await order.handle.result()).toMatchObject({ orderId: order.orderId, status: 'delivered' });
    expect(shop.transitions.map((t) => [t.from, t.to, t.actor.type])).toEqual([
      ['pending', 'confirmed', 'admin'],
      ['confirmed', 'processing', 'admin'],
      ['processing', 'shipped', 'admin'],
      ['shipped', 'delivered', 'admin'],
    ]);
    expect(shop.eventsOf(order.orderId)).toEqual(['created', 'confirmed', 'shipped', 'delivered']);
  });
});

it('answers a retried placement with the same order instead of creating another', async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    const first = await order.place();
    expect(await order.place()).toEqual(first);
    expect(shop.orders.size).toBe(1);
  });
});

it('releases the stock of an order its customer cancels while it is pending', async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    await order.place();
    expect(await order.act('cancel', { actor: CUSTOMER, reason: 'changed my mind' })).toMatchObject({ status: 'cancelled' });
    expect(await order.handle.result()).toMatchObject({ status: 'cancelled' });
    expect(shop.stock.get(order.orderId)).toBe('released');
    expect(shop.eventsOf(order.orderId)).toEqual(['created', 'cancelled']);
  });
});

it('puts the stock of a confirmed order an admin cancels back on the shelf', async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    await order.place();
    await order.act('confirm');
    await order.act('cancel');
    expect(await order.handle.result()).toMatchObject({ status: 'cancelled' });
    expect(shop.stock.get(order.orderId)).toBe('restocked');
  });
});

it('expires an order nobody confirms within its reservation window and releases its stock', async () => {
  const shop = new StubShop();
  await h.run(
    shop,
    async (order) => {
      const placed = await order.place();
      const startedAt = Date.now();
      expect(placed.ok && Date.parse(placed.order.reservationExpiresAt!) - Date.parse(placed.order.createdAt)).toBeLessThanOrEqual(1_500);
      expect(await order.handle.result()).toMatchObject({ status: 'expired' });
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      expect(shop.transitions.map((t) => [t.from, t.to, t.actor.type])).toEqual([['pending', 'expired', 'system']]);
      expect(shop.stock.get(order.orderId)).toBe('released');
      expect(shop.eventsOf(order.orderId)).toEqual(['created', 'expired']);
    },
    { reservationTtlSeconds: 1 },
  );
});

it('holds an order for verification until an admin verifies it, then lets it be confirmed with a fresh reservation window', async () => {
  const shop = new StubShop({ validation: passes({ requiresVerification: true }) });
  await h.run(
    shop,
    async (order) => {
      expect(await order.place()).toMatchObject({ ok: true, order: { status: 'awaiting_verification', requiresVerification: true } });
      const verified = await order.act('verify');
      expect(verified.status).toBe('pending');
      // The verification window was 1 s; verify restarts the normal one (10 min here): no expiry while we wait.
      expect(Date.parse(verified.reservationExpiresAt!) - Date.now()).toBeGreaterThan(60_000);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await order.act('confirm')).toMatchObject({ status: 'confirmed' });
      expect(shop.eventsOf(order.orderId)).toEqual(['created', 'verification_required', 'confirmed']);
    },
    { verificationTtlSeconds: 1 },
  );
});

it('expires an order nobody verifies within its verification window', async () => {
  const shop = new StubShop({ validation: passes({ requiresVerification: true }) });
  await h.run(
    shop,
    async (order) => {
      await order.place();
      expect(await order.handle.result()).toMatchObject({ status: 'expired' });
      expect(shop.transitions.map((t) => [t.from, t.to])).toEqual([['awaiting_verification', 'expired']]);
      expect(shop.stock.get(order.orderId)).toBe('released');
    },
    { verificationTtlSeconds: 1 },
  );
});

it("applies an operator's signals in order and only logs one its status refuses", async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    await order.place();
    await order.handle.signal(actionSignals.deliver);
    await order.handle.signal(actionSignals.confirm);
    await order.handle.signal(actionSignals.cancel, { reason: 'customer called the shop' });
    expect(await order.handle.result()).toMatchObject({ status: 'cancelled' });
    expect(shop.transitions.map((t) => [t.from, t.to, t.actor.id])).toEqual([
      ['pending', 'confirmed', 'temporal-operator'],
      ['confirmed', 'cancelled', 'temporal-operator'],
    ]);
  });
});
