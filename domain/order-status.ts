/**
 * The order status machine as data (domain.md §4). Every transition in the
 * system is checked here and nowhere else.
 */
export const ORDER_STATUSES = [
  'awaiting_verification',
  'pending',
  'confirmed',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
  'expired',
  'failed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What can happen to an order, by admins, customers or the system. */
export const ORDER_ACTIONS = ['verify', 'confirm', 'processing', 'ship', 'deliver', 'cancel', 'expire', 'fail'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

const ACTIVE: OrderStatus[] = ['awaiting_verification', 'pending', 'confirmed', 'processing', 'shipped'];

export const TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  verify: { from: ['awaiting_verification'], to: 'pending' },
  confirm: { from: ['pending'], to: 'confirmed' },
  processing: { from: ['confirmed'], to: 'processing' },
  ship: { from: ['confirmed', 'processing'], to: 'shipped' },
  deliver: { from: ['shipped'], to: 'delivered' },
  cancel: { from: ['awaiting_verification', 'pending', 'confirmed', 'processing'], to: 'cancelled' },
  expire: { from: ['awaiting_verification', 'pending'], to: 'expired' },
  fail: { from: ACTIVE, to: 'failed' },
};

/** A customer may cancel only their own order, and only before it is confirmed. */
const CUSTOMER_CANCELLABLE: readonly OrderStatus[] = ['awaiting_verification', 'pending'];

export type ActorType = 'customer' | 'admin' | 'system';

export function nextStatus(from: OrderStatus, action: OrderAction, actor: ActorType = 'admin'): OrderStatus | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(from)) return null;
  if (action === 'cancel' && actor === 'customer' && !CUSTOMER_CANCELLABLE.includes(from)) return null;
  return t.to;
}

export function isTerminal(status: OrderStatus): boolean {
  return !ACTIVE.includes(status);
}

/** Stock is held as a reservation in these statuses (not yet committed). */
export function holdsReservation(status: OrderStatus): boolean {
  return status === 'pending' || status === 'awaiting_verification';
}

/** Stock has been taken off the shelf (committed) in these statuses. */
export function holdsCommittedStock(status: OrderStatus): boolean {
  return status === 'confirmed' || status === 'processing' || status === 'shipped' || status === 'delivered';
}
