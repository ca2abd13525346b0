/**
 * The one closed list of error codes. Rule codes come from docs/domain.md §3; API
 * codes from docs/api.md. api/problem.ts maps every code to an HTTP status with an
 * exhaustive switch, so adding a code here without mapping it fails to compile.
 */
export const RULE_CODES = [
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_INACTIVE',
  'ORDER_EMPTY',
  'TOO_MANY_ITEMS',
  'DUPLICATE_ITEM',
  'QUANTITY_OUT_OF_RANGE',
  'PRODUCT_NOT_FOUND',
  'PRODUCT_UNAVAILABLE',
  'INSUFFICIENT_STOCK',
  'AMOUNT_MISMATCH',
  'ORDER_TOTAL_LIMIT',
  'INVALID_PAYMENT_METHOD',
  'COD_LIMIT_EXCEEDED',
  'ADDRESS_INCOMPLETE',
  'ADDRESS_UNKNOWN_LOCATION',
  'INVALID_POSTAL_CODE',
  'INVALID_PHONE',
  'PROMO_NOT_FOUND',
  'PROMO_INACTIVE',
  'PROMO_NOT_STARTED',
  'PROMO_EXPIRED',
  'PROMO_USAGE_LIMIT_REACHED',
  'PROMO_CUSTOMER_LIMIT_REACHED',
  'PROMO_MIN_ORDER_NOT_MET',
  'VELOCITY_LIMIT_EXCEEDED',
  'VERIFICATION_REQUIRED',
  'NEW_ACCOUNT_HIGH_VALUE',
  'POSSIBLE_DUPLICATE_ORDER',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export const API_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ORDER_NOT_FOUND',
  'PRODUCT_NOT_FOUND',
  'CUSTOMER_NOT_FOUND',
  'PROMO_NOT_FOUND',
  'ERROR_NOT_FOUND',
  'WEBHOOK_SUBSCRIPTION_NOT_FOUND',
  'WEBHOOK_DELIVERY_NOT_FOUND',
  'INVALID_STATE_TRANSITION',
  'IDEMPOTENCY_KEY_REUSED',
  'CONFLICT',
  'STOCK_BELOW_RESERVED',
  'ORDER_FAILED',
  'WEBHOOK_DELIVERY_PENDING',
  'ORDER_REJECTED',
  'PRECONDITION_FAILED',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
  // Payments, refunds and returns (docs/payments.md)
  'WEBHOOK_SIGNATURE_INVALID',
  'REFUND_EXCEEDS_CAPTURED',
  'RETURN_NOT_FOUND',
  'RETURN_NOT_ALLOWED',
  'RETURN_WINDOW_CLOSED',
  'RETURN_QUANTITY_EXCEEDED',
] as const;
export type ApiCode = (typeof API_CODES)[number];

export type Severity = 'error' | 'warning';

/** One problem with an order: every rule reports as many as it finds. */
export interface Issue {
  code: RuleCode;
  field: string;
  message: string;
  severity: Severity;
  suggestions?: string[];
}
