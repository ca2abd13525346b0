import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { FailureType } from '../workflows/contract';

/**
 * Database refusals that no retry can change: a value too long or out of range for its column, a NULL where
 * none may be. Retried, they would hold an order for minutes (or, for compensation, forever) before anyone
 * hears of it; as DATA_REFUSED they end the step at once and the workflow's failure path takes over.
 * The driver's text stays out of the failure (it quotes the values): only its code goes along.
 */
const PERMANENT_CODES = new Set(['ER_DATA_TOO_LONG', 'ER_WARN_DATA_OUT_OF_RANGE', 'ER_TRUNCATED_WRONG_VALUE', 'ER_BAD_NULL_ERROR', 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD']);
const REFUSED: FailureType = 'DATA_REFUSED';

export function permanentFailureOf(err: unknown): ApplicationFailure | null {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && PERMANENT_CODES.has(code) ? ApplicationFailure.nonRetryable(`the database refused a value (${code})`, REFUSED) : null;
}

export const permanentErrors: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (err) {
        throw permanentFailureOf(err) ?? err;
      }
    },
  },
});
