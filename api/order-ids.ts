import { createHash } from 'node:crypto';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

// Fixed namespace: an Idempotency-Key maps to the same order id forever.
const IDEMPOTENCY_NAMESPACE = '6f1c3d52-8a4e-4f0b-9c7d-2b1e5a9f0c11';

/** The order id for a request: derived from (customer, Idempotency-Key) when given, so a retried POST finds its workflow. */
export function orderIdFor(customerId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey ? uuidv5(`${customerId}\n${idempotencyKey}`, IDEMPOTENCY_NAMESPACE) : uuidv7();
}

/**
 * The Update id of an action sent with an Idempotency-Key: the same (actor, order, action, key) always gives
 * the same id, and the server answers a repeated Update id with the first one's outcome instead of applying it again.
 */
export function actionUpdateId(actorId: string, orderId: string, action: string, idempotencyKey: string | undefined): string {
  return idempotencyKey ? uuidv5(`${actorId}\n${orderId}\n${action}\n${idempotencyKey}`, IDEMPOTENCY_NAMESPACE) : uuidv7();
}

/** A stable hash of what was asked, to tell a retry from a different request under the same key. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
