import type { PaymentEvent } from '../../domain/payments';
import { paymentSignal, statusQuery } from '../../workflows/contract';
import { StubShop } from '../support/stub-shop';
import { ADMIN, CUSTOMER, WorkflowHarness } from '../support/workflow-harness';

jest.setTimeout(15_000);

let h: WorkflowHarness;
beforeAll(async () => {
  h = await WorkflowHarness.connect();
});
afterAll(() => h.close());

const event = (orderId: string, outcome: PaymentEvent['outcome'], eventId = `evt-${outcome}`): PaymentEvent => ({ eventId, outcome, intentRef: `pi_${orderId}`, amountCentavos: 110_000, reason: outcome === 'failed' ? 'insufficient balance' : null });

type Handle = { handle: { query: (q: typeof statusQuery) => Promise<{ status: string }> } };

/** Waits until the workflow has applied what it was sent: the status query answers from its state. */
async function statusOf(order: Handle, status: string) {
  for (let i = 0; i < 100; i++) {
    if ((await order.handle.query(statusQuery)).status === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never reached ${status}`);
}

it('answers the placement with the checkout and confirms the order itself once the gateway says paid, acting on a repeated event once', async () => {
  const shop = new StubShop({ gateway: true });
  await h.run(shop, async (order) => {
    const placed = await order.place();
    expect(placed).toMatchObject({ ok: true, order: { status: 'pending', payment: { status: 'awaiting', checkoutUrl: expect.stringContaining(order.orderId) } } });
    await order.handle.signal(paymentSignal, event(order.orderId, 'paid'));
    await order.handle.signal(paymentSignal, event(order.orderId, 'paid'));
    await statusOf(order, 'confirmed');
    expect(shop.transitions.map((t) => [t.action, t.from, t.to, t.actor.id])).toEqual([['pay', 'pending', 'confirmed', 'payment-provider']]);
    expect(shop.stock.get(order.orderId)).toBe('committed');
    expect(shop.lateRefunds).toEqual([]);
  });
});

it('rolls the order back when the payment fails, giving its stock back', async () => {
  const shop = new StubShop({ gateway: true });
  await h.run(shop, async (order) => {
    await order.place();
    await order.handle.signal(paymentSignal, event(order.orderId, 'failed'));
    expect(await order.handle.result()).toMatchObject({ status: 'cancelled' });
    expect(shop.transitions.at(-1)).toMatchObject({ action: 'payment_fail', reason: 'payment failed: insufficient balance' });
    expect(shop.stock.get(order.orderId)).toBe('released');
  });
});

it('expires the order when the gateway says its checkout expired', async () => {
  const shop = new StubShop({ gateway: true });
  await h.run(shop, async (order) => {
    await order.place();
    await order.handle.signal(paymentSignal, event(order.orderId, 'expired'));
    expect(await order.handle.result()).toMatchObject({ status: 'expired' });
  });
});

it('captures an authorization before confirming', async () => {
  const shop = new StubShop({ gateway: true });
  await h.run(shop, async (order) => {
    await order.place();
    await order.handle.signal(paymentSignal, event(order.orderId, 'authorized'));
    await statusOf(order, 'confirmed');
    expect(shop.captures).toEqual([`pi_${order.orderId}`]);
  });
});

it('hands a payment that arrives after a staff confirm to the refund, leaving the order confirmed', async () => {
  const shop = new StubShop({ gateway: true });
  await h.run(shop, async (order) => {
    await order.place();
    await order.act('confirm', { actor: ADMIN });
    await order.handle.signal(paymentSignal, event(order.orderId, 'paid', 'evt-late'));
    for (let i = 0; i < 50 && shop.lateRefunds.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(shop.lateRefunds).toEqual(['evt-late']);
    expect((await order.handle.query(statusQuery)).status).toBe('confirmed');
  });
});

it('ignores a failed payment once the customer has cancelled the order', async () => {
  const shop = new StubShop({ gateway: true });
  await h.run(shop, async (order) => {
    await order.place();
    await order.act('cancel', { actor: CUSTOMER });
    await order.handle.signal(paymentSignal, event(order.orderId, 'failed')).catch(() => undefined);
    expect(await order.handle.result()).toMatchObject({ status: 'cancelled' });
    expect(shop.transitions.map((t) => t.action)).toEqual(['cancel']);
  });
});
