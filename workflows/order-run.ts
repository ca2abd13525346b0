import { allHandlersFinished, ApplicationFailure, condition, log, patched, proxyLocalActivities, upsertSearchAttributes, type RetryPolicy } from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import type { OrderMetricsInput } from '../activities/record-order-metrics';
import type { ValidationOutcome } from '../activities/validate-order';
import type { Issue } from '../domain/error-codes';
import { isOnline } from '../domain/payment';
import type { PaymentEvent } from '../domain/payments';
import { holdsReservation, isTerminal, nextStatus, transitionOf, type OrderAction, type OrderStatus } from '../domain/order-status';
import type { Actor, OrderView } from '../domain/order-view';
import { type ActionInput, type CreationOutcome, type FailureType, NeedsAttentionKey, OrderStatusKey, OrderTotalKey, type OrderWorkflowInput, type OrderWorkflowResult } from './contract';
import { notify } from './notify';

// Business outcomes are non-retryable ApplicationFailures typed by code;
// anything else (database down, deadlock) retries with backoff. After the
// last attempt the order fails with compensation and a critical error row.
// The order's steps are short, idempotent database transactions, so they run
// as local activities: no round trip through the Temporal server to schedule
// each one, which is most of an order's latency (docs/architecture.md).
const RETRY: RetryPolicy = { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 12 };
const NON_RETRYABLE: FailureType[] = ['ORDER_REJECTED', 'INVALID_STATE_TRANSITION'];
const acts = proxyLocalActivities<OrderActivities>({ startToCloseTimeout: '30s', retry: { ...RETRY, nonRetryableErrorTypes: NON_RETRYABLE } });
// Compensation and the error row that says an order needs a human must happen, however long the
// database is away: retried without a limit (backing off to once a minute) instead of failing the workflow.
const durable = proxyLocalActivities<OrderActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', nonRetryableErrorTypes: NON_RETRYABLE },
});
// Opening the gateway's checkout holds up the create answer: a few quick tries, then the order waits for staff instead.
const checkout = proxyLocalActivities<OrderActivities>({ startToCloseTimeout: '15s', retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumAttempts: 4, nonRetryableErrorTypes: ['PROVIDER_REFUSED'] } });
// Bookkeeping (timings) must never hold up or fail an order: few retries, failures only logged.
const bookkeeping = proxyLocalActivities<OrderActivities>({ startToCloseTimeout: '10s', retry: { maximumAttempts: 3 } });

export const SYSTEM: Actor = { type: 'system', id: 'order-workflow' };
/** Who acts when the payment gateway's word moves an order. */
export const PAYMENT_PROVIDER: Actor = { type: 'system', id: 'payment-provider' };
/** Versioning markers (docs/versioning.md): each guards a change that running workflows must not see on replay. */
const PATCHES = {
  answerQueuedOnFailure: 'answer-queued-actions-on-failure',
  recordCreationFailure: 'record-creation-failure',
  // Timings and notifications recorded inside each step's own transaction: one local activity per step, not three.
  foldBookkeeping: 'fold-bookkeeping-into-steps',
  // Online orders open a gateway checkout and act on its webhooks: paid confirms, failed or expired rolls back.
  onlinePayments: 'online-payments',
} as const;

export const fault = (type: FailureType, message: string, details?: unknown) => ApplicationFailure.nonRetryable(message, type, ...(details === undefined ? [] : [details]));

export type Phase = OrderStatus | 'validating' | 'rejected';
interface Job {
  id: number;
  action: OrderAction;
  input: ActionInput & { actor: Actor };
}

/**
 * One order's life, in phases read top to bottom in run(): validate, create
 * and reserve, then apply one action at a time (or the expiry) until the
 * order is terminal. `status` is the only status kept; what a new action is
 * checked against (projected) is derived from it and the actions in hand.
 */
export class OrderRun {
  status: Phase = 'validating';
  needsAttention = false;
  /** the answer for placeOrder's caller, once there is one */
  creation: CreationOutcome | 'failed' | undefined;
  private order: OrderView | undefined;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private readonly results = new Map<number, OrderView | 'failed'>();
  private nextJobId = 1;
  private readonly startedAt = Date.now();
  /** each step records its own timings and notifications (PATCHES.foldBookkeeping); false only for orders begun before */
  private folded = false;
  /** acts on payment events (PATCHES.onlinePayments); false for orders begun before */
  private pays = false;
  /** payment event ids already acted on: the gateway may deliver one twice */
  private readonly seenPayments = new Set<string>();
  /** payments that arrived when the order no longer waited for one: refunded */
  private readonly latePayments: PaymentEvent[] = [];

  constructor(private readonly input: OrderWorkflowInput) {}

  async run(): Promise<OrderWorkflowResult> {
    // The input decides for orders placed since the API sets it, without a marker; older orders ask the patch, which replays as recorded.
    this.folded = this.input.bookkeepingInSteps === true || patched(PATCHES.foldBookkeeping);
    this.pays = this.input.onlinePayments === true || patched(PATCHES.onlinePayments);
    const validation = await this.validate();
    const validatingMs = Date.now() - this.startedAt;
    if (!validation.ok) return this.reject(validation.errors);
    const reservingFrom = Date.now();
    const created = await this.create(validation, validatingMs);
    if (!created.ok) return this.reject(created.errors);
    const order = this.pays ? await this.openCheckout(created.order) : created.order;
    await this.announce(order, { validatingMs, reservingMs: Date.now() - reservingFrom });
    while (!isTerminal(this.current())) {
      const job = await this.nextAction();
      if (job) await this.apply(job);
      await this.refundLatePayments();
    }
    await this.refundLatePayments();
    await condition(allHandlersFinished);
    return { orderId: this.input.orderId, requestHash: this.input.requestHash, status: this.current() };
  }

  /** Why this actor may not ask for this action now, or null: checked against the status once the actions in hand have run. */
  refusal(action: OrderAction, actor: Actor): string | null {
    if (!this.order) return `order ${this.input.orderId} is ${this.status}`;
    const projected = this.projected();
    return nextStatus(projected, action, actor.type) ? null : `cannot ${action} an order that is ${projected}`;
  }

  /** Queues an accepted action; returns its job id, whose result() the Update waits for. */
  enqueue(action: OrderAction, input: ActionInput & { actor: Actor }): number {
    const id = this.nextJobId++;
    this.queue.push({ id, action, input });
    return id;
  }

  /** Resolves once placeOrder's caller can be answered. */
  async created(): Promise<void> {
    await condition(() => this.creation !== undefined);
  }

  /** For a refused Update's details: where the order is, or will be once the actions in hand have run. */
  projectedOrPhase(): Phase {
    return this.order ? this.projected() : this.status;
  }

  /**
   * A verified gateway event. While the order waits for its payment, it becomes the order's next action
   * (paid or authorized: pay; failed: payment_fail; expired: expire), queued behind the actions in hand.
   * A payment arriving after that is refunded.
   */
  paymentArrived(e: PaymentEvent): void {
    if (!this.pays || this.seenPayments.has(e.eventId)) return;
    this.seenPayments.add(e.eventId);
    const waiting = this.order !== undefined && this.projected() === 'pending';
    if (!waiting) {
      if (e.outcome === 'paid') this.latePayments.push(e);
      else log.info('payment event ignored: the order no longer waits for payment', { orderId: this.input.orderId, outcome: e.outcome });
      return;
    }
    const input = { actor: PAYMENT_PROVIDER, payment: e };
    if (e.outcome === 'paid' || e.outcome === 'authorized') this.enqueue('pay', { ...input, reason: `${e.outcome} at the payment gateway (${e.intentRef})` });
    else if (e.outcome === 'failed') this.enqueue('payment_fail', { ...input, reason: `payment failed: ${e.reason ?? 'declined'}` });
    else this.enqueue('expire', { ...input, reason: 'the checkout expired at the payment gateway' });
  }

  logRefusal(action: OrderAction, why: string): void {
    log.warn('signal refused', { orderId: this.input.orderId, action, why });
  }

  async result(jobId: number, action: OrderAction): Promise<OrderView> {
    await condition(() => this.results.has(jobId));
    const result = this.results.get(jobId)!;
    if (result === 'failed') throw fault('ORDER_FAILED', `${action} was not applied: the order failed and needs attention`);
    return result;
  }

  projected(): OrderStatus {
    return [this.running, ...this.queue].reduce((s, job) => (job ? (nextStatus(s, job.action, job.input.actor.type) ?? s) : s), this.current());
  }

  /** The order's status; only asked for once the order exists. */
  private current(): OrderStatus {
    if (this.status === 'validating' || this.status === 'rejected') throw new Error(`order ${this.input.orderId} is still ${this.status}`);
    return this.status;
  }

  // ---- phases -------------------------------------------------------------

  /** 1. Every rule at once. Failing for good (not a rejection) ends the workflow as not created. */
  private async validate(): Promise<ValidationOutcome> {
    try {
      return await acts.validateOrder({ request: this.input.request, clientIp: this.input.origin.clientIp });
    } catch (err) {
      if (!patched(PATCHES.recordCreationFailure)) throw err;
      return this.notCreated('validating the order', err);
    }
  }

  /** 2. The order row, its reservations and promo in one transaction; stock or promo gone meanwhile is a rejection. */
  private async create(validation: ValidationOutcome & { ok: true }, validatingMs: number): Promise<CreationOutcome> {
    const initial: OrderStatus = validation.requiresVerification ? 'awaiting_verification' : 'pending';
    const holdSeconds = initial === 'pending' ? this.input.reservationTtlSeconds : this.input.verificationTtlSeconds;
    try {
      const order = await acts.createOrder({
        orderId: this.input.orderId,
        request: this.input.request,
        requestHash: this.input.requestHash,
        origin: this.input.origin,
        validation,
        status: initial,
        expiresAt: new Date(Date.now() + holdSeconds * 1000).toISOString(),
        ...(this.folded ? { bookkeeping: { validatingMs, notify: this.input.notify } } : {}),
      });
      return { ok: true, order };
    } catch (err) {
      const rejection = rejectionOf(err);
      if (rejection) return { ok: false, errors: rejection };
      // The creation transaction rolled back: nothing to compensate.
      if (!patched(PATCHES.recordCreationFailure)) {
        this.creation = 'failed';
        this.status = 'rejected';
        await acts.recordError({ orderId: this.input.orderId, category: 'system', severity: 'critical', code: 'ORDER_CREATE_FAILED', message: String(err) });
        throw err;
      }
      return this.notCreated('creating the order', err);
    }
  }

  /** The order exists: answer the caller, make it findable, time it, tell the customer. */
  private async announce(order: OrderView, timings: Omit<OrderMetricsInput, 'orderId'>): Promise<void> {
    this.order = order;
    // The row's status, not the one asked for: a retried creation may find the order already moved on.
    this.status = order.status;
    this.publish();
    this.creation = { ok: true, order };
    if (this.folded) return;
    await this.record(timings);
    await notify(this.input.orderId, 'created', this.input.notify);
    if (order.status === 'awaiting_verification') await notify(this.input.orderId, 'verification_required', this.input.notify);
  }

  /** 2b. An order paid online gets its gateway checkout before the caller is answered; failing that, it waits for staff. */
  private async openCheckout(order: OrderView): Promise<OrderView> {
    if (order.status !== 'pending' || !isOnline(order.paymentMethod)) return order;
    try {
      return await checkout.openPayment({ orderId: this.input.orderId });
    } catch (err) {
      await durable.recordError({ orderId: this.input.orderId, category: 'payment', severity: 'high', code: 'PAYMENT_NOT_OPENED', message: 'the gateway checkout could not be opened; the order waits for a staff confirm or its expiry', cause: String(err) });
      return order;
    }
  }

  /** 3. The next accepted action; while stock is held, the reservation's expiry if it comes first. Null: only late payments to refund. */
  private async nextAction(): Promise<Job | null> {
    const ready = () => this.queue.length > 0 || this.latePayments.length > 0;
    const expiresAt = holdsReservation(this.current()) ? this.order?.reservationExpiresAt : null;
    if (!expiresAt) await condition(ready);
    else if (!(await condition(ready, Math.max(Date.parse(expiresAt) - Date.now(), 1)))) {
      return { id: 0, action: 'expire', input: { actor: SYSTEM, reason: 'reservation expired' } };
    }
    return this.queue.shift() ?? null;
  }

  /** Money that came when the order no longer waited for it goes back, by the refund workflow. */
  private async refundLatePayments(): Promise<void> {
    for (const event of this.latePayments.splice(0)) await durable.refundLatePayment({ orderId: this.input.orderId, event });
  }

  /** A card authorization is captured before the order confirms; a capture the gateway refuses fails the payment instead. */
  private async captureIfAuthorized(job: Job): Promise<Job> {
    const payment = job.input.payment;
    if (job.action !== 'pay' || payment?.outcome !== 'authorized') return job;
    try {
      await acts.capturePayment({ orderId: this.input.orderId, event: payment });
      return job;
    } catch (err) {
      log.warn('capture failed; the payment fails', { orderId: this.input.orderId, error: String(err) });
      return { ...job, action: 'payment_fail', input: { ...job.input, reason: 'the authorized payment could not be captured' } };
    }
  }

  /** 4. One action through the write path; a step failing for good fails the order. */
  private async apply(queued: Job): Promise<void> {
    this.running = queued;
    const job = await this.captureIfAuthorized(queued);
    this.running = job;
    const from = this.current();
    const transition = transitionOf(from, job.action, job.input.actor.type)!;
    const stepFrom = Date.now();
    try {
      this.order = await acts.transitionOrder({
        orderId: this.input.orderId,
        action: job.action,
        from,
        actor: job.input.actor,
        reason: job.input.reason ?? null,
        requestIp: job.input.requestIp ?? null,
        userAgent: job.input.userAgent ?? null,
        carrier: job.input.carrier ?? null,
        trackingNumber: job.input.trackingNumber ?? null,
        reservationExpiresAt: transition.renewsReservation ? new Date(Date.now() + this.input.reservationTtlSeconds * 1000).toISOString() : null,
        // Facts fixed at creation, so the step need not read them again.
        ...(this.order ? { order: { paymentMethod: this.order.paymentMethod, promoCode: this.order.promoCode } } : {}),
        ...this.stepBookkeeping(),
      });
      this.status = transition.to;
      this.results.set(job.id, this.order);
    } catch (err) {
      this.results.set(job.id, 'failed');
      await this.fail(from, job.action, err);
    }
    this.running = null;
    this.publish();
    if (this.folded) return;
    // End to end means placed -> confirmed; an order that ends without a confirm is timed to its end instead.
    if (this.status === 'confirmed') await this.record({ committingMs: Date.now() - stepFrom, endToEndMs: Date.now() - this.startedAt });
    else if (isTerminal(this.current()) && holdsReservation(from)) await this.record({ endToEndMs: Date.now() - this.startedAt });
    if (transition.notify && this.status === transition.to) await notify(this.input.orderId, transition.notify, this.input.notify);
  }

  // ---- endings ------------------------------------------------------------

  private async reject(errors: Issue[]): Promise<OrderWorkflowResult> {
    this.creation = { ok: false, errors };
    this.status = 'rejected';
    this.publish();
    await acts.recordRejection({ orderId: this.input.orderId, request: this.input.request, origin: this.input.origin, errors });
    await condition(allHandlersFinished);
    return { orderId: this.input.orderId, requestHash: this.input.requestHash, status: 'rejected' };
  }

  /** Creation could not finish for a passing reason: the caller may retry; the failed workflow lets the same id start again. */
  private async notCreated(stage: string, err: unknown): Promise<never> {
    this.creation = 'failed';
    this.status = 'rejected';
    const { orderId } = this.input;
    await durable.recordError({ orderId, category: 'system', severity: 'critical', code: 'ORDER_CREATE_FAILED', message: `${stage} failed for good; nothing was kept`, cause: String(err) });
    throw err;
  }

  /** A step failed for good: the order becomes failed with everything it held given back, and a human is told. */
  private async fail(from: OrderStatus, action: OrderAction, err: unknown): Promise<void> {
    this.running = { id: 0, action: 'fail', input: { actor: SYSTEM } };
    this.needsAttention = true;
    const { orderId } = this.input;
    const failing = { orderId, action: 'fail' as const, from, actor: SYSTEM, requestIp: null, userAgent: null, carrier: null, trackingNumber: null, reservationExpiresAt: null };
    if (patched(PATCHES.answerQueuedOnFailure)) {
      // Actions accepted behind the failed step can no longer apply: answer each now, so no caller waits forever.
      for (const job of this.queue.splice(0)) this.results.set(job.id, 'failed');
      this.order = await durable.transitionOrder({ ...failing, reason: `${action} failed for good after its retries`, ...this.stepBookkeeping() });
      this.status = 'failed';
      await durable.recordError({ orderId, category: 'system', severity: 'critical', code: 'ORDER_STEP_FAILED', message: `${action} failed for good; the order was failed and compensated`, cause: String(err) });
      return;
    }
    this.order = await acts.transitionOrder({ ...failing, reason: `${action} failed: ${String(err)}` });
    this.status = 'failed';
    await acts.recordError({ orderId, category: 'system', severity: 'critical', code: 'ORDER_STEP_FAILED', message: `${action} failed for good: ${String(err)}` });
  }

  // ---- bookkeeping --------------------------------------------------------

  /** What a step records in its own transaction, for orders begun since PATCHES.foldBookkeeping. */
  private stepBookkeeping() {
    return this.folded ? { bookkeeping: { orderStartedAt: this.startedAt, notify: this.input.notify } } : {};
  }

  private publish(): void {
    upsertSearchAttributes([
      { key: OrderStatusKey, value: this.status },
      { key: NeedsAttentionKey, value: this.needsAttention },
      ...(this.order ? [{ key: OrderTotalKey, value: this.order.totalCentavos }] : []),
    ]);
  }

  private async record(metrics: Omit<OrderMetricsInput, 'orderId'>): Promise<void> {
    try {
      await bookkeeping.recordOrderMetrics({ orderId: this.input.orderId, ...metrics });
    } catch (err) {
      log.warn('order metrics not recorded', { orderId: this.input.orderId, error: String(err) });
    }
  }
}

/** A business rejection raised while reserving (stock or promo gone meanwhile). */
function rejectionOf(err: unknown): Issue[] | null {
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type === ('ORDER_REJECTED' satisfies FailureType)) return (cause.details?.[0] as Issue[]) ?? [];
  }
  return null;
}
