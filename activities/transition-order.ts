import { ApplicationFailure } from '@temporalio/activity';
import type { OrderView } from '../domain/order-view';
import { applyTransition, type TransitionRequest } from '../store/apply-transition';
import { readOrderView } from '../store/order-store';
import type { FailureType } from '../workflows/contract';
import { clock, type ActivityDeps } from './deps';

export type TransitionInput = TransitionRequest;

const REFUSED: FailureType = 'INVALID_STATE_TRANSITION';

/**
 * Moves an order to its next status with every effect the status table
 * gives it, in one transaction (store/apply-transition.ts). Idempotency key:
 * (order, target status): a retry after a commit finds the order already
 * there and returns it. A refusal is a non-retryable INVALID_STATE_TRANSITION
 * and changes nothing.
 */
export function transitionOrder(deps: ActivityDeps) {
  return async (t: TransitionInput): Promise<OrderView> => {
    const result = await deps.db.transaction((trx) => applyTransition(trx, t, clock(deps), deps.config.rules));
    if (result.outcome === 'refused') throw ApplicationFailure.nonRetryable(result.why, REFUSED);
    return (await readOrderView(deps.db, t.orderId))!;
  };
}
