import type { NotificationEvent } from './notifications';

/**
 * The order status machine as data (docs/domain.md §4). One row per allowed
 * (action, from) pair says where the order goes, who may ask, and everything
 * the move does. The workflow, the write path (store/order-writes.ts), the
 * sweeper, the API and the admin page all read this table; a transition is
 * checked here and nowhere else. Adding a status means adding its rows.
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
export const ORDER_ACTIONS = ['verify', 'confirm', 'processing', 'ship', 'deliver', 'cancel', 'expire', 'fail', 'pay', 'payment_fail'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export type ActorType = 'customer' | 'admin' | 'system';

/** What a transition does besides changing the status, all in the same database transaction. */
export interface Effects {
  /** commit the reservation (on-hand goes down), release it, or put committed stock back on the shelf */
  stock?: 'commit' | 'release' | 'restock';
  /** the promo redemption becomes final, or is given back */
  promo?: 'final' | 'released';
  /** the order's total is added to the customer's total spent, count and tier */
  customerStats?: true;
  /** the reservation window starts again (the customer was waiting on us) */
  renewsReservation?: true;
  /** the customer is told */
  notify?: NotificationEvent;
  /** when the order is paid this way, the money is recorded as received: COD on delivery, a bank transfer on staff confirm */
  collects?: 'cod' | 'bank_transfer';
  /** whatever was captured and not refunded is refunded (store/refund-store.ts, the refund workflow) */
  refunds?: true;
}

export interface Transition extends Effects {
  action: OrderAction;
  from: OrderStatus;
  to: OrderStatus;
  /** who may ask for it */
  actors: readonly ActorType[];
  /** the admin page offers it as a button */
  button: boolean;
  /** the action must say how the parcel travels: a carrier and a tracking number */
  needsShipment?: true;
}

const STAFF = ['admin'] as const;
const OWNER_OR_STAFF = ['customer', 'admin'] as const;
const ENGINE = ['system'] as const;
const RELEASE: Effects = { stock: 'release', promo: 'released' };
const RESTOCK: Effects = { stock: 'restock', promo: 'released' };
/** The order ends before it is sold: money it took (a payment that raced the ending) goes back. */
const GIVE_BACK: Effects = { refunds: true };

export const TRANSITIONS: readonly Transition[] = [
  { action: 'verify', from: 'awaiting_verification', to: 'pending', actors: STAFF, button: true, renewsReservation: true },
  // Staff confirm: a bank transfer they saw arrive, cash on delivery, or an online order paid outside the gateway.
  { action: 'confirm', from: 'pending', to: 'confirmed', actors: STAFF, button: true, stock: 'commit', promo: 'final', notify: 'confirmed', collects: 'bank_transfer' },
  // The gateway said paid (its webhook, or our capture of an authorization): the order confirms itself.
  { action: 'pay', from: 'pending', to: 'confirmed', actors: ENGINE, button: false, stock: 'commit', promo: 'final', notify: 'confirmed' },
  { action: 'processing', from: 'confirmed', to: 'processing', actors: STAFF, button: false },
  { action: 'ship', from: 'confirmed', to: 'shipped', actors: STAFF, button: true, needsShipment: true, notify: 'shipped' },
  { action: 'ship', from: 'processing', to: 'shipped', actors: STAFF, button: true, needsShipment: true, notify: 'shipped' },
  { action: 'deliver', from: 'shipped', to: 'delivered', actors: STAFF, button: true, customerStats: true, notify: 'delivered', collects: 'cod' },
  // A customer may cancel only before confirmation; afterwards the goods may already be picked.
  { action: 'cancel', from: 'awaiting_verification', to: 'cancelled', actors: OWNER_OR_STAFF, button: true, ...RELEASE, ...GIVE_BACK, notify: 'cancelled' },
  { action: 'cancel', from: 'pending', to: 'cancelled', actors: OWNER_OR_STAFF, button: true, ...RELEASE, ...GIVE_BACK, notify: 'cancelled' },
  // Cancelling a paid order refunds it through the provider.
  { action: 'cancel', from: 'confirmed', to: 'cancelled', actors: STAFF, button: true, ...RESTOCK, ...GIVE_BACK, notify: 'cancelled' },
  { action: 'cancel', from: 'processing', to: 'cancelled', actors: STAFF, button: true, ...RESTOCK, ...GIVE_BACK, notify: 'cancelled' },
  // The reservation timer, or the gateway saying the checkout expired.
  { action: 'expire', from: 'awaiting_verification', to: 'expired', actors: ENGINE, button: false, ...RELEASE, ...GIVE_BACK, notify: 'expired' },
  { action: 'expire', from: 'pending', to: 'expired', actors: ENGINE, button: false, ...RELEASE, ...GIVE_BACK, notify: 'expired' },
  // The gateway said the payment failed: payment failure rolls the order back.
  { action: 'payment_fail', from: 'pending', to: 'cancelled', actors: ENGINE, button: false, ...RELEASE, ...GIVE_BACK, notify: 'cancelled' },
  // A step failed for good: give back what the order holds. Shipped goods have left the warehouse: a human decides.
  { action: 'fail', from: 'awaiting_verification', to: 'failed', actors: ENGINE, button: false, ...RELEASE },
  { action: 'fail', from: 'pending', to: 'failed', actors: ENGINE, button: false, ...RELEASE },
  { action: 'fail', from: 'confirmed', to: 'failed', actors: ENGINE, button: false, ...RESTOCK },
  { action: 'fail', from: 'processing', to: 'failed', actors: ENGINE, button: false, ...RESTOCK },
  { action: 'fail', from: 'shipped', to: 'failed', actors: ENGINE, button: false, promo: 'released' },
];

/**
 * The actions a person may ask for: each is an HTTP route, an Update and a Signal of the workflow, and
 * (with a button) an admin page action. The rest (expire, fail) are the engine's own.
 */
export const REQUESTABLE_ACTIONS: readonly OrderAction[] = ORDER_ACTIONS.filter((a) => TRANSITIONS.some((t) => t.action === a && t.actors.some((actor) => actor !== 'system')));

/** A customer may ask for it on their own order, in some status. */
export const customersMay = (action: OrderAction): boolean => TRANSITIONS.some((t) => t.action === action && t.actors.includes('customer'));

export const needsShipment = (action: OrderAction): boolean => TRANSITIONS.some((t) => t.action === action && t.needsShipment);

/** The transition this actor may make from this status, or null when it is refused. */
export function transitionOf(from: OrderStatus, action: OrderAction, actor: ActorType): Transition | null {
  return TRANSITIONS.find((t) => t.from === from && t.action === action && t.actors.includes(actor)) ?? null;
}

export function nextStatus(from: OrderStatus, action: OrderAction, actor: ActorType): OrderStatus | null {
  return transitionOf(from, action, actor)?.to ?? null;
}

/** No transition leaves it. */
export function isTerminal(status: OrderStatus): boolean {
  return !TRANSITIONS.some((t) => t.from === status);
}

/** Stock is held as a reservation in these statuses (not yet committed): the ones it can expire from. */
export function holdsReservation(status: OrderStatus): boolean {
  return TRANSITIONS.some((t) => t.from === status && t.action === 'expire');
}

/**
 * The order is a sale: its stock was committed and nothing has given it back. The statuses reached from a
 * commit through transitions that neither move stock back nor release the promo (confirmed .. delivered).
 */
export function countsAsRevenue(status: OrderStatus): boolean {
  const sold = new Set(TRANSITIONS.filter((t) => t.stock === 'commit').map((t) => t.to));
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of TRANSITIONS) {
      if (sold.has(t.from) && !sold.has(t.to) && !t.stock && !t.promo) {
        sold.add(t.to);
        grew = true;
      }
    }
  }
  return sold.has(status);
}

/** The buttons the admin page shows for an order in this status, in table order. */
export function buttonsFor(status: OrderStatus): OrderAction[] {
  return [...new Set(TRANSITIONS.filter((t) => t.from === status && t.button && t.actors.includes('admin')).map((t) => t.action))];
}
