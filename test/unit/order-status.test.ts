import { holdsCommittedStock, holdsReservation, isTerminal, nextStatus, ORDER_ACTIONS, ORDER_STATUSES, type OrderAction, type OrderStatus } from '../../domain/order-status';

/**
 * domain.md §4 written out by hand, independently of the TRANSITIONS table it
 * checks: every pair not listed here must be refused. `fail` is allowed from
 * every live status (a step of any of them can fail for good).
 */
const ALLOWED: Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>> = {
  awaiting_verification: { verify: 'pending', cancel: 'cancelled', expire: 'expired', fail: 'failed' },
  pending: { confirm: 'confirmed', cancel: 'cancelled', expire: 'expired', fail: 'failed' },
  confirmed: { processing: 'processing', ship: 'shipped', cancel: 'cancelled', fail: 'failed' },
  processing: { ship: 'shipped', cancel: 'cancelled', fail: 'failed' },
  shipped: { deliver: 'delivered', fail: 'failed' },
  delivered: {},
  cancelled: {},
  expired: {},
  failed: {},
};

const pairs = ORDER_STATUSES.flatMap((status) => ORDER_ACTIONS.map((action) => [status, action, ALLOWED[status][action] ?? null] as const));

describe('the order status machine', () => {
  it.each(pairs.filter(([, , to]) => to).map(([from, action, to]) => [action, from, to] as const))(
    'allows %s on an order that is %s, which becomes %s',
    (action, from, to) => {
      expect(nextStatus(from, action, 'admin')).toBe(to);
    },
  );

  it.each(pairs.filter(([, , to]) => !to).map(([from, action]) => [action, from] as const))('refuses %s on an order that is %s', (action, from) => {
    expect(nextStatus(from, action, 'admin')).toBeNull();
    expect(nextStatus(from, action, 'system')).toBeNull();
    expect(nextStatus(from, action, 'customer')).toBeNull();
  });

  it.each(['awaiting_verification', 'pending'] as const)('lets a customer cancel an order that is %s', (from) => {
    expect(nextStatus(from, 'cancel', 'customer')).toBe('cancelled');
  });

  it.each(['confirmed', 'processing'] as const)('refuses a customer cancelling an order that is %s, which an admin may cancel', (from) => {
    expect(nextStatus(from, 'cancel', 'customer')).toBeNull();
    expect(nextStatus(from, 'cancel', 'admin')).toBe('cancelled');
  });

  it('calls delivered, cancelled, expired and failed terminal, and nothing else', () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['delivered', 'cancelled', 'expired', 'failed']);
  });

  it('holds a reservation only before confirmation, and committed stock from confirmation to delivery', () => {
    expect(ORDER_STATUSES.filter(holdsReservation)).toEqual(['awaiting_verification', 'pending']);
    expect(ORDER_STATUSES.filter(holdsCommittedStock)).toEqual(['confirmed', 'processing', 'shipped', 'delivered']);
  });
});
