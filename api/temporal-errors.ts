import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { isUnavailable } from '../lib/unavailable';
import { type FailureType, isFailureType } from '../workflows/contract';
import { Problem, RETRY_SOON } from './problem';

/**
 * Turns what Temporal throws at the API into problems: failure types by type
 * (never by message text), outages as 503, a finished workflow as 409.
 * Anything else is returned as it is, for the error handler to mask.
 */
export function temporalProblem(err: unknown, what: string): Problem | unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && isFailureType(err.cause.type)) {
    return problemOf(err.cause.type, err.cause.message, what);
  }
  // Temporal's own type: the Update was accepted but its workflow ended before running it, so nothing was applied.
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'AcceptedUpdateCompletedWorkflow') {
    return new Problem('INVALID_STATE_TRANSITION', `${what}: the order's workflow finished before it could apply`);
  }
  if (err instanceof WorkflowNotFoundError || isWorkflowClosed(err)) {
    return new Problem('INVALID_STATE_TRANSITION', `${what}: the order's workflow has finished`);
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new Problem('UNAVAILABLE', `${what} is taking longer than usual; send the same request again shortly`, [], RETRY_SOON);
  }
  if (isUnavailable(err)) return new Problem('UNAVAILABLE', 'The order engine is unreachable; retry shortly', [], RETRY_SOON);
  return err;
}

function problemOf(type: FailureType, message: string, what: string): Problem {
  switch (type) {
    case 'INVALID_STATE_TRANSITION':
      return new Problem('INVALID_STATE_TRANSITION', message);
    case 'IDEMPOTENCY_KEY_REUSED':
      return new Problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
    case 'VALIDATION_ERROR':
      return new Problem('VALIDATION_ERROR', message);
    case 'ORDER_NOT_CREATED':
      return new Problem('UNAVAILABLE', `${what} could not be completed now; nothing was kept. Retry with the same Idempotency-Key`, [], RETRY_SOON);
    case 'ORDER_FAILED':
      return new Problem('ORDER_FAILED', `${what} was not applied: the order failed and was flagged for our staff`);
    case 'ORDER_REJECTED':
      return new Problem('ORDER_REJECTED', message);
    case 'MISCONFIGURED':
    case 'PROVIDER_REFUSED':
    case 'DATA_REFUSED':
      return new Problem('INTERNAL', message);
  }
}

/** gRPC NOT_FOUND (5) on an Update: the workflow has already completed. */
function isWorkflowClosed(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === 5) return true;
  }
  return false;
}
