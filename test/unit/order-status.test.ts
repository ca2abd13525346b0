import { buttonsFor, countsAsRevenue, holdsReservation, isTerminal, nextStatus, ORDER_ACTIONS, ORDER_STATUSES, transitionOf, type ActorType, type OrderAction, type OrderStatus } from '../../domain/order-status';

/**
 * docs/domain.md §4 written out by hand, independently of the TRANSITIONS
 * table it checks: every (status, action, actor) not listed here is refused.
 */
const ALLOWED: Record<OrderStatus, Partial<Record<OrderAction, [OrderStatus, ActorType[]]>>> = {
  awaiting_verification: { verify: ['pending', ['admin']], cancel: ['cancelled', ['customer', 'admin']], expire: ['expired', ['system']], fail: ['failed', ['system']] },
  pending: {
    confirm: ['confirmed', ['admin']],
    cancel: ['cancelled', ['customer', 'admin']],
    expire: ['expired', ['system']],
    fail: ['failed', ['system']],
    // The payment gateway's word, acted on by the workflow (docs/payments.md).
    pay: ['confirmed', ['system']],
    payment_fail: ['cancelled', ['system']],
  },
  confirmed: { processing: ['processing', ['admin']], ship: ['shipped', ['admin']], cancel: ['cancelled', ['admin']], fail: ['failed', ['system']] },
  processing: { ship: ['shipped', ['admin']], cancel: ['cancelled', ['admin']], fail: ['failed', ['system']] },
  shipped: { deliver: ['delivered', ['admin']], fail: ['failed', ['system']] },
  delivered: {},
  cancelled: {},
  expired: {},
  failed: {},
};
const ACTORS: ActorType[] = ['customer', 'admin', 'system'];
const cases = ORDER_STATUSES.flatMap((from) =>
  ORDER_ACTIONS.flatMap((action) => ACTORS.map((actor) => {
    const allowed = ALLOWED[from][action];
    return [from, action, actor, allowed && allowed[1].includes(actor) ? allowed[0] : null] as const;
  })),
);

describe('the order status machine', () => {
  it.each(cases.filter(([, , , to]) => to))('lets %s be %sed by a %s, becoming %s', (from, action, actor, to) => {
    expect(nextStatus(from, action, actor)).toBe(to);
  });

  it.each(cases.filter(([, , , to]) => !to))('refuses an order that is %s being %sed by a %s', (from, action, actor) => {
    expect(nextStatus(from, action, actor)).toBeNull();
  });

  it('calls delivered, cancelled, expired and failed terminal, and nothing else', () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['delivered', 'cancelled', 'expired', 'failed']);
  });

  it('holds a reservation only before confirmation', () => {
    expect(ORDER_STATUSES.filter(holdsReservation)).toEqual(['awaiting_verification', 'pending']);
  });

  it('releases a reservation, restocks committed stock, and leaves shipped goods to a human when an order ends early', () => {
    expect(transitionOf('pending', 'cancel', 'customer')).toMatchObject({ stock: 'release', promo: 'released' });
    expect(transitionOf('confirmed', 'cancel', 'admin')).toMatchObject({ stock: 'restock', promo: 'released' });
    expect(transitionOf('pending', 'expire', 'system')).toMatchObject({ stock: 'release', promo: 'released' });
    expect(transitionOf('shipped', 'fail', 'system')).toMatchObject({ promo: 'released' });
    expect(transitionOf('shipped', 'fail', 'system')?.stock).toBeUndefined();
  });

  it('commits stock and makes the promo final on confirm, and counts the customer on delivery', () => {
    expect(transitionOf('pending', 'confirm', 'admin')).toMatchObject({ stock: 'commit', promo: 'final', notify: 'confirmed' });
    expect(transitionOf('shipped', 'deliver', 'admin')).toMatchObject({ customerStats: true, notify: 'delivered' });
  });

  it('confirms an order paid through the gateway as a staff confirm would, and rolls back a failed payment like a cancel', () => {
    expect(transitionOf('pending', 'pay', 'system')).toMatchObject({ stock: 'commit', promo: 'final', notify: 'confirmed' });
    expect(transitionOf('pending', 'payment_fail', 'system')).toMatchObject({ stock: 'release', promo: 'released', refunds: true });
  });

  it('refunds what was captured whenever an order ends unsold, and never when a step fails (a human decides)', () => {
    const endings = ORDER_STATUSES.flatMap((from) => ORDER_ACTIONS.map((action) => transitionOf(from, action, action === 'cancel' ? 'admin' : 'system'))).filter((t) => t && ['cancelled', 'expired'].includes(t.to));
    expect(endings.length).toBeGreaterThan(0);
    for (const t of endings) expect(t).toMatchObject({ refunds: true });
    expect(transitionOf('confirmed', 'fail', 'system')?.refunds).toBeUndefined();
  });

  it('records cash on delivery as collected on delivery and a bank transfer on a staff confirm', () => {
    expect(transitionOf('shipped', 'deliver', 'admin')?.collects).toBe('cod');
    expect(transitionOf('pending', 'confirm', 'admin')?.collects).toBe('bank_transfer');
    expect(transitionOf('pending', 'pay', 'system')?.collects).toBeUndefined();
  });

  it('counts an order as revenue from confirmation to delivery, and not once it is given back', () => {
    expect(ORDER_STATUSES.filter(countsAsRevenue)).toEqual(['confirmed', 'processing', 'shipped', 'delivered']);
  });

  it('offers the admin page the buttons for what an admin may do, processing staying API-only', () => {
    expect(buttonsFor('pending')).toEqual(['confirm', 'cancel']);
    expect(buttonsFor('confirmed')).toEqual(['ship', 'cancel']);
    expect(buttonsFor('awaiting_verification')).toEqual(['verify', 'cancel']);
    expect(buttonsFor('delivered')).toEqual([]);
  });
});
