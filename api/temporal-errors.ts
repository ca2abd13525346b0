import { isGrpcServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { Problem } from './problem';

/** Turns what Temporal throws at the API into problems: refusals as 409/400, outages as 503. */
export function temporalProblem(err: unknown, what: string): Problem | unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const f = err.cause;
    if (f.type === 'INVALID_STATE_TRANSITION') return new Problem('INVALID_STATE_TRANSITION', f.message);
    if (f.type === 'IDEMPOTENCY_KEY_REUSED') return new Problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
    if (f.type === 'VALIDATION_ERROR') return new Problem('VALIDATION_ERROR', f.message);
    if (f.type === 'ORDER_FAILED') return new Problem('UNAVAILABLE', `${what} could not be completed; the order was flagged for our staff`);
  }
  if (err instanceof WorkflowNotFoundError || (err instanceof Error && /already completed|not found/i.test(err.message) && !isGrpcUnavailable(err))) {
    return new Problem('INVALID_STATE_TRANSITION', `${what}: the order's workflow has finished`);
  }
  if (isGrpcUnavailable(err)) return new Problem('UNAVAILABLE', 'The order engine is unreachable; retry shortly', [], { 'retry-after': '5' });
  return err;
}

function isGrpcUnavailable(err: unknown): boolean {
  const e = err as { code?: number; cause?: unknown };
  return (isGrpcServiceError(err) && (e.code === 14 || e.code === 4)) || (e?.cause !== undefined && e.cause !== err && isGrpcUnavailable(e.cause));
}
