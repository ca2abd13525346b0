/**
 * The one closed list of failure types that cross the Temporal boundary
 * (ApplicationFailure.type). Activities raise them, the order workflow raises
 * them to the callers of its Updates, and api/temporal-errors.ts maps each to
 * an HTTP answer by type (an exhaustive switch): never by message text.
 */
export const FAILURE_TYPES = [
  /** Business rules refused the order while reserving (stock or promo gone meanwhile); details[0] holds the issues. */
  'ORDER_REJECTED',
  /** The order could not be created for a passing reason (database down past the retries); nothing was kept: safe to retry. */
  'ORDER_NOT_CREATED',
  /** A step failed for good after its retries; the order is now `failed`, compensated and flagged. */
  'ORDER_FAILED',
  /** The order's status does not allow the action; nothing changed. */
  'INVALID_STATE_TRANSITION',
  /** The same Idempotency-Key came with another request body. */
  'IDEMPOTENCY_KEY_REUSED',
  /** An action's input is incomplete (ship without a carrier). */
  'VALIDATION_ERROR',
  /** The database refused a value for good (too long, out of range): retrying cannot help (workers/permanent-errors.ts). */
  'DATA_REFUSED',
  /** The worker was started without something it needs (a Temporal client for the sweeper). */
  'MISCONFIGURED',
] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

export const isFailureType = (type: string | undefined | null): type is FailureType => FAILURE_TYPES.includes(type as FailureType);
