import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Issue } from '../domain/error-codes';
import { ORDER_ACTIONS, type OrderAction, type OrderStatus } from '../domain/order-status';
import type { Actor, OrderView } from '../domain/order-view';

/**
 * The order workflow's messages, imported by the workflow and by the API.
 * Every admin action is an Update (with a validator, so a refused action is
 * answered at once) and a Signal of the same name, so an operator can send
 * it from the Temporal Web UI or CLI.
 */
export type CreationOutcome =
  | { ok: true; order: OrderView }
  | { ok: false; errors: Issue[] };

/** Update-with-Start's update: waits until the order is validated and reserved (or rejected). */
export const placeOrderUpdate = defineUpdate<CreationOutcome, [{ requestHash: string }]>('placeOrder');

export interface ActionInput {
  actor?: Actor;
  reason?: string;
  carrier?: string;
  trackingNumber?: string;
  requestIp?: string;
  userAgent?: string;
}

/** One Update and one Signal per action, named after it; the workflow handles those of REQUESTABLE_ACTIONS. */
export const actionUpdates = Object.fromEntries(
  ORDER_ACTIONS.map((a) => [a, defineUpdate<OrderView, [ActionInput]>(a)]),
) as Record<OrderAction, ReturnType<typeof defineUpdate<OrderView, [ActionInput]>>>;

export const actionSignals = Object.fromEntries(
  ORDER_ACTIONS.map((a) => [a, defineSignal<[ActionInput?]>(a)]),
) as Record<OrderAction, ReturnType<typeof defineSignal<[ActionInput?]>>>;

export const statusQuery = defineQuery<{ status: OrderStatus | 'validating' | 'rejected'; needsAttention: boolean }>('status');

