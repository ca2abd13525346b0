import type { ActorType } from './order-status';

/**
 * A return's status machine as data (docs/payments.md "Returns"), checked
 * here and nowhere else, like the order's (order-status.ts).
 *
 *   requested --approve--> approved --ship_back--> shipped_back --receive--> received --refund--> refunded
 *       |                      +-------------------receive------------------^
 *       +--reject--> rejected
 */
export const RETURN_STATUSES = ['requested', 'approved', 'rejected', 'shipped_back', 'received', 'refunded'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_ACTIONS = ['approve', 'reject', 'ship_back', 'receive', 'refund'] as const;
export type ReturnAction = (typeof RETURN_ACTIONS)[number];

export interface ReturnTransition {
  action: ReturnAction;
  from: ReturnStatus;
  to: ReturnStatus;
  actors: readonly ActorType[];
}

export const RETURN_TRANSITIONS: readonly ReturnTransition[] = [
  { action: 'approve', from: 'requested', to: 'approved', actors: ['admin'] },
  { action: 'reject', from: 'requested', to: 'rejected', actors: ['admin'] },
  // The customer says the parcel is on its way back (staff may say it for them).
  { action: 'ship_back', from: 'approved', to: 'shipped_back', actors: ['customer', 'admin'] },
  // Staff open the parcel: each line restocked or written off as damaged; the refund is reserved with it.
  { action: 'receive', from: 'approved', to: 'received', actors: ['admin'] },
  { action: 'receive', from: 'shipped_back', to: 'received', actors: ['admin'] },
  // The refund workflow paid it back.
  { action: 'refund', from: 'received', to: 'refunded', actors: ['system'] },
];

export function returnTransitionOf(from: ReturnStatus, action: ReturnAction, actor: ActorType): ReturnTransition | null {
  return RETURN_TRANSITIONS.find((t) => t.from === from && t.action === action && t.actors.includes(actor)) ?? null;
}

/** What a received line becomes: back on the shelf, or written off. */
export const RETURN_OUTCOMES = ['restock', 'damaged'] as const;
export type ReturnOutcome = (typeof RETURN_OUTCOMES)[number];

/**
 * What a returned line refunds: its share of what the customer paid for the
 * goods, i.e. the line's price less its share of the order's discount,
 * rounded down so the lines never add up to more than was paid. Shipping is
 * not refunded by a return.
 */
export function lineRefundCentavos(line: { unitPriceCentavos: number; quantity: number }, order: { subtotalCentavos: number; discountCentavos: number }): number {
  const gross = line.unitPriceCentavos * line.quantity;
  if (order.subtotalCentavos <= 0) return 0;
  return Math.floor((gross * (order.subtotalCentavos - order.discountCentavos)) / order.subtotalCentavos);
}
