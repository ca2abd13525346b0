import { ApplicationFailure } from '@temporalio/common';
import type { OrderActivities } from '../../activities';
import type { CreateOrderInput } from '../../activities/create-order';
import type { ErrorRecord } from '../../activities/record-error';
import type { TransitionInput } from '../../activities/transition-order';
import type { ValidationOutcome } from '../../activities/validate-order';
import type { Issue } from '../../domain/error-codes';
import type { NotificationEvent } from '../../domain/notifications';
import { transitionOf, type OrderAction, type OrderStatus } from '../../domain/order-status';
import type { OrderView } from '../../domain/order-view';

/** The activities the order workflow calls. */
export type ShopActivities = Pick<
  OrderActivities,
  'validateOrder' | 'createOrder' | 'transitionOrder' | 'recordRejection' | 'recordError' | 'recordOrderMetrics' | 'startNotifications' | 'openPayment' | 'capturePayment' | 'refundLatePayment'
>;

/** Where an order's stock is, as transition-order.ts moves it. */
export type StockState = 'reserved' | 'committed' | 'released' | 'restocked' | 'left-shipped';

export interface ShopOptions {
  /** what validation answers; default: the order passes, without verification */
  validation?: ValidationOutcome;
  /** validateOrder fails for good */
  validationFails?: boolean;
  /** createOrder refuses with these issues (stock gone since validation), or fails for good */
  creation?: { rejects: Issue[] } | 'fails';
  /** the step of this action fails for good */
  failingStep?: OrderAction;
  /** a payment gateway is configured: online orders get a checkout */
  gateway?: boolean;
}

/**
 * An in-memory shop behind the order workflow's activities, so its logic runs
 * in seconds without a database. It keeps what the real activities would
 * write (orders, stock, error rows, rejections, notifications) and guards each
 * transition by the expected current status, as transition-order.ts does.
 */
export class StubShop {
  readonly orders = new Map<string, OrderView>();
  readonly stock = new Map<string, StockState>();
  /** each applied transition, with the status it led to */
  readonly transitions: (TransitionInput & { to: OrderStatus })[] = [];
  readonly errors: ErrorRecord[] = [];
  readonly rejections: { orderId: string; codes: string[] }[] = [];
  readonly notifications: { orderId: string; event: NotificationEvent }[] = [];
  /** intents captured, and payments handed to refundLatePayment, by event id */
  readonly captures: string[] = [];
  readonly lateRefunds: string[] = [];
  readonly activities: ShopActivities;

  constructor(private readonly options: ShopOptions = {}) {
    this.activities = {
      validateOrder: async () => {
        if (options.validationFails) throw outage('validation');
        return options.validation ?? passes();
      },
      createOrder: async (input) => this.create(input),
      transitionOrder: async (t) => this.transition(t),
      recordRejection: async (r) => {
        this.rejections.push({ orderId: r.orderId, codes: r.errors.map((e) => e.code) });
      },
      recordError: async (e) => {
        this.errors.push(e);
      },
      recordOrderMetrics: async () => undefined,
      startNotifications: async ({ orderId, event }) => {
        this.notifications.push({ orderId, event });
      },
      openPayment: async ({ orderId }) => this.openPayment(orderId),
      capturePayment: async ({ event }) => {
        this.captures.push(event.intentRef);
      },
      refundLatePayment: async ({ event }) => {
        this.lateRefunds.push(event.eventId);
      },
    };
  }

  eventsOf(orderId: string): NotificationEvent[] {
    return this.notifications.filter((n) => n.orderId === orderId).map((n) => n.event);
  }

  private create(input: CreateOrderInput): OrderView {
    const { creation } = this.options;
    if (creation === 'fails') throw outage('creating the order');
    if (creation) throw ApplicationFailure.nonRetryable('stock gone while reserving', 'ORDER_REJECTED', creation.rejects);
    const existing = this.orders.get(input.orderId);
    if (existing) return existing;
    const order = orderView(input);
    this.orders.set(order.id, order);
    this.stock.set(order.id, 'reserved');
    // As create-order.ts: the creation's notifications are queued with it when the workflow asks.
    if (input.bookkeeping) {
      this.notifications.push({ orderId: order.id, event: 'created' });
      if (order.status === 'awaiting_verification') this.notifications.push({ orderId: order.id, event: 'verification_required' });
    }
    return order;
  }

  /** As open-payment.ts: a checkout for an online order when a gateway is configured, else the order as it is. */
  private openPayment(orderId: string): OrderView {
    const order = this.orders.get(orderId)!;
    if (!this.options.gateway) return order;
    const payment = { provider: 'gateway' as const, status: 'awaiting' as const, checkoutUrl: `https://pay.example/${orderId}`, intentRef: `pi_${orderId}`, amountCentavos: order.totalCentavos, capturedCentavos: 0, refundedCentavos: 0 };
    const opened = { ...order, payment };
    this.orders.set(orderId, opened);
    return opened;
  }

  /** As store/apply-transition.ts: the status table decides, the expected status guards, a retry finds it done. */
  private transition(t: TransitionInput): OrderView {
    if (this.options.failingStep === t.action) throw outage(`the ${t.action} step`);
    const step = transitionOf(t.from, t.action, t.actor.type);
    const order = this.orders.get(t.orderId);
    if (!step || !order || order.status !== t.from) {
      if (order && step && order.status === step.to) return order;
      throw ApplicationFailure.nonRetryable(`order ${t.orderId} is ${order?.status ?? 'missing'}, not ${t.from}`, 'INVALID_STATE_TRANSITION');
    }
    const moved: OrderView = {
      ...order,
      status: step.to,
      carrier: t.carrier ?? order.carrier,
      trackingNumber: t.trackingNumber ?? order.trackingNumber,
      reservationExpiresAt: t.reservationExpiresAt ?? order.reservationExpiresAt,
    };
    this.orders.set(t.orderId, moved);
    this.transitions.push({ ...t, to: step.to });
    if (t.bookkeeping && step.notify) this.notifications.push({ orderId: t.orderId, event: step.notify });
    const stock = { commit: 'committed', release: 'released', restock: 'restocked' } as const;
    if (step.stock) this.stock.set(t.orderId, stock[step.stock]);
    else if (step.action === 'fail') this.stock.set(t.orderId, 'left-shipped');
    return moved;
  }
}

const outage = (what: string) => ApplicationFailure.nonRetryable(`simulated: ${what} failed for good`, 'SIMULATED_OUTAGE');

/** A passing validation of one line of 2 x 500.00, shipped to Metro Manila; `requiresVerification` holds it for an admin. */
export function passes(opts: { requiresVerification?: boolean } = {}): ValidationOutcome {
  const line = { productId: 'p-1', sku: 'SKU-1', name: 'Dried Mangoes', unitPriceCentavos: 50_000, quantity: 2, lineTotalCentavos: 100_000 };
  return {
    ok: true,
    errors: [],
    warnings: opts.requiresVerification ? [{ code: 'VERIFICATION_REQUIRED', field: 'paymentMethod', message: 'held for verification', severity: 'warning' }] : [],
    lines: [line],
    totals: { subtotalCentavos: 100_000, discountCentavos: 0, shippingFeeCentavos: 10_000, totalCentavos: 110_000, vatCentavos: 11_786 },
    requiresVerification: opts.requiresVerification ?? false,
    phoneE164: '+639171234567',
    psgc: null,
    promoId: null,
    perCustomerLimit: null,
  };
}

export const refused = (...codes: Issue['code'][]): ValidationOutcome => ({
  ok: false,
  errors: codes.map((code) => ({ code, field: 'items', message: `refused: ${code}`, severity: 'error' as const })),
});

function orderView(input: CreateOrderInput): OrderView {
  const v = input.validation;
  const now = new Date().toISOString();
  return {
    id: input.orderId,
    status: input.status,
    customerId: input.request.customerId,
    items: v.lines,
    ...v.totals,
    currency: 'PHP',
    paymentMethod: input.request.paymentMethod,
    promoCode: input.request.promoCode ?? null,
    shippingAddress: input.request.shippingAddress,
    requiresVerification: v.requiresVerification,
    warnings: v.warnings,
    reservationExpiresAt: input.expiresAt,
    source: input.request.source,
    carrier: null,
    trackingNumber: null,
    payment: null,
    createdAt: now,
    updatedAt: now,
  };
}
