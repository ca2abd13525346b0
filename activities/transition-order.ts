import { ApplicationFailure } from '@temporalio/activity';
import { holdsReservation, isTerminal, transitionOf, type Transition } from '../domain/order-status';
import type { OrderView } from '../domain/order-view';
import type { OrderTimings } from '../store/order-metrics-writer';
import { applyTransition, type TransitionRequest } from '../store/apply-transition';
import { readOrderView } from '../store/order-store';
import { queuedWebhookEvents } from '../store/webhook-outbox';
import type { FailureType } from '../workflows/contract';
import { clock, type ActivityDeps } from './deps';
import type { NotificationTransports } from './notifications/transports';
import { bookStep, startStepNotifications, type StepBookkeeping } from './step-bookkeeping';
import { startPendingRefunds } from './payments/refund-starter';
import { startOrderWebhooks } from './webhooks/start-deliveries';

export interface TransitionInput extends TransitionRequest {
  /** record the step's timings and queue its notification in the same transaction (workflows since 2026-11-30) */
  bookkeeping?: StepBookkeeping & { orderStartedAt: number };
}

const REFUSED: FailureType = 'INVALID_STATE_TRANSITION';

/**
 * Moves an order to its next status with every effect the status table
 * gives it, in one transaction (store/apply-transition.ts), with the step's
 * timings and notification when asked (step-bookkeeping.ts); the status
 * change's webhook event is queued with it (store/order-history.ts) and its
 * deliveries started after the commit. Idempotency key:
 * (order, target status): a retry after a commit finds the order already
 * there and returns it. A refusal is a non-retryable INVALID_STATE_TRANSITION
 * and changes nothing.
 */
export function transitionOrder(deps: ActivityDeps, transports: NotificationTransports) {
  return async ({ bookkeeping: b, ...t }: TransitionInput): Promise<OrderView> => {
    const started = Date.now();
    const step = transitionOf(t.from, t.action, t.actor.type);
    const events = step?.notify ? [step.notify] : [];
    let toSend = events;
    let webhooksToStart = true;
    const result = await deps.db.transaction(async (trx) => {
      const now = clock(deps);
      const applied = await applyTransition(trx, t, now, deps.config.rules);
      if (b && step && applied.outcome === 'applied') toSend = await bookStep(trx, transports, t.orderId, timingsOf(step, started, b.orderStartedAt), events, now);
      webhooksToStart = applied.outcome !== 'applied' || queuedWebhookEvents(trx);
      return applied;
    });
    if (result.outcome === 'refused') throw ApplicationFailure.nonRetryable(result.why, REFUSED);
    // On 'already' (a retry after a commit whose starts were lost) both look for what is left to start.
    if (b) await startStepNotifications(deps, t.orderId, toSend, b.notify);
    // A refund the transition reserved (cancelling a paid order) is sent by its own workflow, started after the commit.
    if (step?.refunds) await startPendingRefunds(deps, t.orderId);
    if (webhooksToStart) await startOrderWebhooks(deps, t.orderId);
    return (await readOrderView(deps.db, t.orderId))!;
  };
}

/** Committing is the confirm's own time; end to end runs from placing to confirmation, or to the end of an order never confirmed. */
function timingsOf(step: Transition, started: number, orderStartedAt: number): OrderTimings {
  const now = Date.now();
  if (step.stock === 'commit') return { committingMs: now - started, endToEndMs: now - orderStartedAt };
  if (isTerminal(step.to) && holdsReservation(step.from)) return { endToEndMs: now - orderStartedAt };
  return {};
}
