import { type FailureType, statusQuery } from '../../workflows/contract';

const INVALID_STATE_TRANSITION: FailureType = 'INVALID_STATE_TRANSITION';
import { StubShop, passes, refused } from '../support/stub-shop';
import { CUSTOMER, WorkflowHarness, failureTypeOf } from '../support/workflow-harness';

// Each test takes a second or two; one that waits far longer is waiting for an answer that will never come.
jest.setTimeout(15_000);

let h: WorkflowHarness;
beforeAll(async () => {
  h = await WorkflowHarness.connect();
});
afterAll(() => h.close());

it('refuses an action the status does not allow with INVALID_STATE_TRANSITION and changes nothing', async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    await order.place();
    for (const action of ['verify', 'processing', 'ship', 'deliver'] as const) {
      expect(await failureTypeOf(order.act(action))).toBe(INVALID_STATE_TRANSITION);
    }
    expect(shop.transitions).toEqual([]);
    expect((await order.handle.query(statusQuery)).status).toBe('pending');
    // Still open for what the status allows.
    expect(await order.act('confirm')).toMatchObject({ status: 'confirmed' });
  });
});

it("refuses a customer's cancel once the order is confirmed", async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    await order.place();
    await order.act('confirm');
    expect(await failureTypeOf(order.act('cancel', { actor: CUSTOMER }))).toBe(INVALID_STATE_TRANSITION);
    expect(shop.stock.get(order.orderId)).toBe('committed');
    expect(shop.transitions.map((t) => t.to)).toEqual(['confirmed']);
  });
});

it('refuses confirm of an order held for verification until it is verified', async () => {
  const shop = new StubShop({ validation: passes({ requiresVerification: true }) });
  await h.run(shop, async (order) => {
    await order.place();
    expect(await failureTypeOf(order.act('confirm'))).toBe(INVALID_STATE_TRANSITION);
    expect(shop.transitions).toEqual([]);
  });
});

it('refuses ship without a carrier and a tracking number', async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    await order.place();
    await order.act('confirm');
    expect(await failureTypeOf(order.act('ship', { carrier: 'LBC' }))).toBe('VALIDATION_ERROR');
    expect(shop.transitions.map((t) => t.to)).toEqual(['confirmed']);
  });
});

it('refuses an action on an order that has ended', async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    await order.place();
    await order.act('cancel');
    await order.handle.result();
    await expect(order.act('confirm')).rejects.toThrow();
    expect(shop.transitions.map((t) => t.to)).toEqual(['cancelled']);
  });
});

it('refuses the same order id placed with a different request as IDEMPOTENCY_KEY_REUSED', async () => {
  const shop = new StubShop();
  await h.run(shop, async (order) => {
    await order.place();
    expect(await failureTypeOf(order.place('another-request'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(shop.orders.size).toBe(1);
  });
});

it('rejects an order that fails validation with every issue, records the rejection and creates nothing', async () => {
  const shop = new StubShop({ validation: refused('INSUFFICIENT_STOCK', 'INVALID_PHONE') });
  await h.run(shop, async (order) => {
    const outcome = await order.place();
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.errors.map((e) => e.code)).toEqual(['INSUFFICIENT_STOCK', 'INVALID_PHONE']);
    expect(await order.handle.result()).toMatchObject({ status: 'rejected' });
    expect(shop.rejections).toEqual([{ orderId: order.orderId, codes: ['INSUFFICIENT_STOCK', 'INVALID_PHONE'] }]);
    expect(shop.orders.size).toBe(0);
    expect(shop.notifications).toEqual([]);
  });
});

it('rejects an order whose stock is gone by the time it is reserved, with the issues reservation found', async () => {
  const issue = { code: 'INSUFFICIENT_STOCK' as const, field: 'items[0].quantity', message: 'only 1 left', severity: 'error' as const };
  const shop = new StubShop({ creation: { rejects: [issue] } });
  await h.run(shop, async (order) => {
    expect(await order.place()).toEqual({ ok: false, errors: [issue] });
    expect(await order.handle.result()).toMatchObject({ status: 'rejected' });
    expect(shop.rejections).toEqual([{ orderId: order.orderId, codes: ['INSUFFICIENT_STOCK'] }]);
    expect(shop.errors).toEqual([]);
  });
});
