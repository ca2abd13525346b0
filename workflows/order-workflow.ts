import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  patched,
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
  placeOrderUpdate,
  statusQuery,
  type ActionInput,
  type CreationOutcome,
} from './messages';
import type { OrderMetricsInput } from '../activities/record-order-metrics';
import type { FailureType } from './failures';
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
const NON_RETRYABLE: FailureType[] = ['ORDER_REJECTED', 'INVALID_STATE_TRANSITION'];
const acts = proxyLocalActivities<OrderActivities>({
  startToCloseTimeout: '30s',
  retry: { ...RETRY, nonRetryableErrorTypes: NON_RETRYABLE },
});

// Compensation and the error row that says an order needs a human must happen, however long the
// database is away: retried without a limit (backing off to once a minute) instead of failing the workflow.
const durable = proxyLocalActivities<OrderActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', nonRetryableErrorTypes: NON_RETRYABLE },
});

// Bookkeeping (timings) must never hold up or fail an order: few retries, failures only logged.
const bookkeeping = proxyLocalActivities<OrderActivities>({ startToCloseTimeout: '10s', retry: { maximumAttempts: 3 } });

const SYSTEM: Actor = { type: 'system', id: 'order-workflow' };
const fault = (type: FailureType, message: string, details?: unknown) => ApplicationFailure.nonRetryable(message, type, ...(details === undefined ? [] : [details]));
/** Versioning markers (docs/versioning.md): each guards a change that running workflows must not see on replay. */
const PATCHES = { answerQueuedOnFailure: 'answer-queued-actions-on-failure', recordCreationFailure: 'record-creation-failure' } as const;

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
      if (outcome === 'failed') throw fault('ORDER_NOT_CREATED', 'The order could not be created; nothing was kept');
      return outcome!;
    },
    {
      validator: ({ requestHash }) => {
        if (requestHash !== input.requestHash) {
          throw fault('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key reused with a different request');
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
        if (result === 'failed') throw fault('ORDER_FAILED', `${action} was not applied: the order failed and needs attention`);
        return result;
      },
      {
        validator: (arg = {}) => {
          const why = refusal(action, arg.actor?.type);
          if (why) throw fault('INVALID_STATE_TRANSITION', why, { from: projected ?? phase });
          if (action === 'ship' && (!arg.carrier || !arg.trackingNumber)) throw fault('VALIDATION_ERROR', 'ship needs a carrier and a tracking number');
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

  /** Creation could not finish for a passing reason: the caller may retry; the failed workflow lets the same id start again. */
  const notCreated = async (stage: string, err: unknown): Promise<never> => {
    outcome = 'failed';
    phase = 'rejected';
    await durable.recordError({ orderId, category: 'system', severity: 'critical', code: 'ORDER_CREATE_FAILED', message: `${stage} failed for good; nothing was kept`, cause: String(err) });
    throw err;
  };

  // 1. Validate: every rule at once.
  let validation: Awaited<ReturnType<OrderActivities['validateOrder']>>;
  try {
    validation = await acts.validateOrder({ request: input.request, clientIp: input.origin.clientIp });
  } catch (err) {
    if (!patched(PATCHES.recordCreationFailure)) throw err;
    return notCreated('validating the order', err);
  }
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
    if (!patched(PATCHES.recordCreationFailure)) {
      outcome = 'failed';
      phase = 'rejected';
      await acts.recordError({ orderId, category: 'system', severity: 'critical', code: 'ORDER_CREATE_FAILED', message: String(err) });
      throw err;
    }
    return notCreated('creating the order', err);
  }
  // The row's status, not the one asked for: a retried creation may find the order already moved on.
  phase = order.status;
  projected = order.status;
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
    if (patched(PATCHES.answerQueuedOnFailure)) {
      // Actions accepted behind the failed step can no longer apply: answer each now, so no caller waits forever.
      for (const job of queue.splice(0)) results.set(job.id, 'failed');
      order = await durable.transitionOrder({
        orderId, action: 'fail', from, to: 'failed', actor: SYSTEM, reason: `${action} failed for good after its retries`,
        requestIp: null, userAgent: null, carrier: null, trackingNumber: null, reservationExpiresAt: null,
      });
      phase = 'failed';
      await durable.recordError({ orderId, category: 'system', severity: 'critical', code: 'ORDER_STEP_FAILED', message: `${action} failed for good; the order was failed and compensated`, cause: String(err) });
      return;
    }
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
