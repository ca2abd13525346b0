import { writeOrderTimings, type OrderTimings } from '../store/order-metrics-writer';
import { clock, type ActivityDeps } from './deps';

/** Step timings in milliseconds, measured by the workflow; an absent field is left as it is. */
export interface OrderMetricsInput extends OrderTimings {
  orderId: string;
}

/**
 * Upserts an order's timings (store/order-metrics-writer.ts). Only workflows
 * that began before timings were recorded inside each step's transaction
 * still call it.
 */
export function recordOrderMetrics(deps: ActivityDeps) {
  return async ({ orderId, ...timings }: OrderMetricsInput): Promise<void> => writeOrderTimings(deps.db, orderId, timings, clock(deps));
}
