import type { PlacedOrderRequest } from '../domain/order-request';
import type { Actor } from '../domain/order-view';
import type { OrderStatus } from '../domain/order-status';
import type { NotifyOptions } from './notification-input';

/** Everything an order workflow is started with; TTLs are inputs so tests can use seconds. */
export interface OrderWorkflowInput {
  orderId: string;
  request: PlacedOrderRequest;
  requestHash: string;
  origin: { clientIp: string | null; userAgent: string | null; idempotencyKey: string | null; actor: Actor };
  reservationTtlSeconds: number;
  verificationTtlSeconds: number;
  notify: NotifyOptions;
}

export interface OrderWorkflowResult {
  orderId: string;
  requestHash: string;
  status: OrderStatus | 'rejected';
}

export const orderWorkflowId = (orderId: string): string => `order-${orderId}`;
