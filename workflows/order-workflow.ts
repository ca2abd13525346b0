import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  type RetryPolicy,
} from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import type { Issue } from '../domain/error-codes';
import { holdsCommittedStock, holdsReservation, isTerminal, nextStatus, type OrderAction, type OrderStatus } from '../domain/order-status';
import type { Actor, OrderView } from '../domain/order-view';
import {
  actionSignals,
  actionUpdates,
  ADMIN_ACTIONS,
  IDEMPOTENCY_KEY_REUSED,
  INVALID_STATE_TRANSITION,
  placeOrderUpdate,
  statusQuery,
  type ActionInput,
  type CreationOutcome,
} from './messages';
import type { OrderMetricsInput } from '../activities/record-order-metrics';
import type { NotificationEvent } from '../domain/notifications';
import { notify } from './notify';
import type { OrderWorkflowInput, OrderWorkflowResult } from './order-input';
import { NeedsAttentionKey, OrderStatusKey, OrderTotalKey } from './search-attributes';

// Business outcomes are non-retryable ApplicationFailures typed by code;
// anything else (database down, deadlock) retries with backoff. After the
// last attempt the order fails with compensation and a critical error row.
// The order's steps are short, idempotent database transactions, so they run
// as local activities: no round trip through the Temporal server to schedule
// each one, which is most of an order's latency (see README, Benchmark).
const RETRY: RetryPolicy = { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 12 };
const acts = proxyLocalActivities<OrderActivities>({
  startToCloseTimeout: '30s',
  retry: { ...RETRY, nonRetryableErrorTypes: ['ORDER_REJECTED', INVALID_STATE_TRANSITION] },
});

// Bookkeeping (timings) must never hold up or fail an order: few retries, failures only logged.
const bookkeeping = proxyLocalActivities<OrderActivities>({ startToCloseTimeout: '10s', retry: { maximumAttempts: 3 } });

const SYSTEM: Actor = { type: 'system', id: 'order-workflow' };

/** The customer hears about these statuses (domain.md §6). */
const EVENT_OF: Partial<Record<OrderStatus, NotificationEvent>> = {
  confirmed: 'confirmed',
  cancelled: 'cancelled',
  expired: 'expired',
  shipped: 'shipped',
  delivered: 'delivered',
};

interface Job {
  id: number;
  action: OrderAction;
  input: ActionInput;
}

export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderWorkflowResult> {
  const { orderId } = input;
  let phase: OrderStatus | 'validating' | 'rejected' = 'validating';
  /** The status once every accepted action has run: what validators check against. */
  let projected: OrderStatus | null = null;
  let outcome: CreationOutcome | 'failed' | undefined;
  let needsAttention = false;
  let order: OrderView | undefined;
  const queue: Job[] = [];
  const results = new Map<number, OrderView | 'failed'>();
  let nextJobId = 1;

  const refusal = (action: string, actorType?: Actor['type']): string | null => {
    if (!projected) return `order ${orderId} is ${phase}`;
    if (!nextStatus(projected, action as OrderAction, actorType)) return `cannot ${action} an order that is ${projected}`;
    return null;
  };
  const enqueue = (action: OrderAction, arg: ActionInput): number => {
    const id = nextJobId++;
    queue.push({ id, action, input: arg });
    projected = nextStatus(projected!, action, arg.actor?.type);
    return id;
  };

  setHandler(
    placeOrderUpdate,
    async () => {
      await condition(() => outcome !== undefined);
      if (outcome === 'failed') throw ApplicationFailure.nonRetryable('The order could not be created', 'ORDER_FAILED');
      return outcome!;
    },
    {
      validator: ({ requestHash }) => {
        if (requestHash !== input.requestHash) {
          throw ApplicationFailure.nonRetryable('Idempotency-Key reused with a different request', IDEMPOTENCY_KEY_REUSED);
        }
      },
    },
  );
  for (const action of ADMIN_ACTIONS) {
    setHandler(
      actionUpdates[action],
      async (arg = {}) => {
        const id = enqueue(action, arg);
        await condition(() => results.has(id));
        const result = results.get(id)!;
        if (result === 'failed') throw ApplicationFailure.nonRetryable(`${action} failed; the order needs attention`, 'ORDER_FAILED');
        return result;
      },
      {
        validator: (arg = {}) => {
          const why = refusal(action, arg.actor?.type);
          if (why) throw ApplicationFailure.nonRetryable(why, INVALID_STATE_TRANSITION, { from: projected ?? phase });
          if (action === 'ship' && (!arg.carrier || !arg.trackingNumber)) {
            throw ApplicationFailure.nonRetryable('ship needs a carrier and a tracking number', 'VALIDATION_ERROR');
          }
        },
      },
    );
    // Signals come from operators in the Web UI / CLI: there is nobody to answer, so refusals are logged.
    setHandler(actionSignals[action], (arg = {}) => {
      const actor: Actor = arg.actor ?? { type: 'admin', id: 'temporal-operator' };
      const why = refusal(action, actor.type) ?? (action === 'ship' && !(arg.carrier && arg.trackingNumber) ? 'ship needs carrier and trackingNumber' : null);
      if (why) log.warn('signal refused', { orderId, action, why });
      else enqueue(action, { ...arg, actor });
    });
  }
  setHandler(statusQuery, () => ({ status: phase, needsAttention }));

  const publish = () =>
    upsertSearchAttributes([
      { key: OrderStatusKey, value: phase },
      { key: NeedsAttentionKey, value: needsAttention },
      ...(order ? [{ key: OrderTotalKey, value: order.totalCentavos }] : []),
    ]);

  const reject = async (errors: CreationOutcome & { ok: false }): Promise<OrderWorkflowResult> => {
    outcome = errors;
    phase = 'rejected';
    publish();
    await acts.recordRejection({ orderId, request: input.request, origin: input.origin, errors: errors.errors });
    await condition(allHandlersFinished);
    return { orderId, requestHash: input.requestHash, status: 'rejected' };
  };

  const record = async (metrics: Omit<OrderMetricsInput, 'orderId'>) => {
    try {
      await bookkeeping.recordOrderMetrics({ orderId, ...metrics });
    } catch (err) {
      log.warn('order metrics not recorded', { orderId, error: String(err) });
    }
  };
  const startedAt = Date.now();
  const since = (t: number) => Date.now() - t;

  // 1. Validate: every rule at once.
  const validation = await acts.validateOrder({ request: input.request, clientIp: input.origin.clientIp });
  const validatingMs = since(startedAt);
  if (!validation.ok) return reject({ ok: false, errors: validation.errors });

  // 2. Create the order and reserve its stock in one transaction.
  const initial: OrderStatus = validation.requiresVerification ? 'awaiting_verification' : 'pending';
  const holdSeconds = initial === 'pending' ? input.reservationTtlSeconds : input.verificationTtlSeconds;
  const reservingFrom = Date.now();
  try {
    order = await acts.createOrder({
      orderId,
      request: input.request,
      requestHash: input.requestHash,
      origin: input.origin,
      validation,
      status: initial,
      expiresAt: new Date(Date.now() + holdSeconds * 1000).toISOString(),
    });
  } catch (err) {
    const rejection = rejectionOf(err);
    if (rejection) return reject({ ok: false, errors: rejection });
    // The creation transaction rolled back: nothing to compensate.
    outcome = 'failed';
    phase = 'rejected';
    await acts.recordError({ orderId, category: 'system', severity: 'critical', code: 'ORDER_CREATE_FAILED', message: String(err) });
    throw err;
  }
  phase = initial;
  projected = initial;
  publish();
  outcome = { ok: true, order };
  await record({ validatingMs, reservingMs: since(reservingFrom) });
  await notify(orderId, 'created', input.notify);
  if (initial === 'awaiting_verification') await notify(orderId, 'verification_required', input.notify);

  // 3. Wait for an action or the reservation timer, one step at a time.
  while (!isTerminal(phase as OrderStatus)) {
    const deadline = holdsReservation(phase as OrderStatus) && order.reservationExpiresAt ? Date.parse(order.reservationExpiresAt) : null;
    const acted = deadline === null ? await condition(() => queue.length > 0).then(() => true) : await condition(() => queue.length > 0, Math.max(deadline - Date.now(), 1));
    if (!acted) {
      projected = 'expired';
      await step({ id: 0, action: 'expire', input: { actor: SYSTEM, reason: 'reservation expired' } });
      continue;
    }
    await step(queue.shift()!);
  }
  await condition(allHandlersFinished);
  return { orderId, requestHash: input.requestHash, status: phase as OrderStatus };

  async function step(job: Job): Promise<void> {
    const from = phase as OrderStatus;
    const to = nextStatus(from, job.action, job.input.actor?.type)!;
    const stepFrom = Date.now();
    try {
      order = await acts.transitionOrder({
        orderId,
        action: job.action,
        from,
        to,
        actor: job.input.actor ?? SYSTEM,
        reason: job.input.reason ?? null,
        requestIp: job.input.requestIp ?? null,
        userAgent: job.input.userAgent ?? null,
        carrier: job.input.carrier ?? null,
        trackingNumber: job.input.trackingNumber ?? null,
        // Verification restarts the normal reservation window.
        reservationExpiresAt: to === 'pending' ? new Date(Date.now() + input.reservationTtlSeconds * 1000).toISOString() : null,
      });
      phase = to;
      results.set(job.id, order);
    } catch (err) {
      results.set(job.id, 'failed');
      await fail(from, job.action, err);
    }
    publish();
    if (phase === 'confirmed') await record({ committingMs: since(stepFrom), endToEndMs: since(startedAt) });
    // End to end means placed -> confirmed; an order that ends without a confirm is timed to its end instead.
    else if (isTerminal(phase as OrderStatus) && !holdsCommittedStock(from)) await record({ endToEndMs: since(startedAt) });
    const event = EVENT_OF[phase as OrderStatus];
    if (event && phase === to) await notify(orderId, event, input.notify);
  }

  async function fail(from: OrderStatus, action: OrderAction, err: unknown): Promise<void> {
    projected = 'failed';
    needsAttention = true;
    order = await acts.transitionOrder({
      orderId, action: 'fail', from, to: 'failed', actor: SYSTEM, reason: `${action} failed: ${String(err)}`,
      requestIp: null, userAgent: null, carrier: null, trackingNumber: null, reservationExpiresAt: null,
    });
    phase = 'failed';
    await acts.recordError({ orderId, category: 'system', severity: 'critical', code: 'ORDER_STEP_FAILED', message: `${action} failed for good: ${String(err)}` });
  }
}

/** A business rejection raised while reserving (stock or promo gone meanwhile). */
function rejectionOf(err: unknown): Issue[] | null {
  let cause: unknown = err;
  while (cause instanceof Error) {
    if (cause instanceof ApplicationFailure && cause.type === 'ORDER_REJECTED') {
      return (cause.details?.[0] as Issue[]) ?? [];
    }
    cause = cause.cause;
  }
  return null;
}
