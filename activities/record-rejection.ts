import type { Issue } from '../domain/error-codes';
import type { PlacedOrderRequest } from '../domain/order-request';
import type { OrderWorkflowInput } from '../workflows/contract';
import { insertOnce } from '../store/insert-once';
import { clock, type ActivityDeps } from './deps';

/**
 * Records a rejected order attempt for the rejection-rate report and for a
 * retried POST's answer: each problem's code, field, message and severity,
 * plus customer, source and IP. Nothing beyond what the order itself would
 * have held: no recipient, street or phone; a message may quote a place name
 * the customer typed. Idempotency key: the order id (a retry keeps the first row).
 */
export function recordRejection(deps: ActivityDeps) {
  return async (r: { orderId: string; request: PlacedOrderRequest; origin: OrderWorkflowInput['origin']; errors: Issue[] }): Promise<void> => {
    await insertOnce(
      deps.db,
      'order_rejections',
      {
        id: r.orderId,
        order_id: r.orderId,
        customer_id: r.request.customerId,
        codes: [...new Set(r.errors.map((e) => e.code))].join(','),
        errors: JSON.stringify(r.errors.map(({ code, field, message, severity }) => ({ code, field, message, severity }))),
        source: r.request.source,
        client_ip: r.origin.clientIp,
        created_at: clock(deps),
      },
      'order_id',
    );
  };
}
