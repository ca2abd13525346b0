import { Client, WithStartWorkflowOperation, WorkflowFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Knex } from 'knex';
import type { OrderRequest } from '../domain/order-request';
import type { OrderView } from '../domain/order-view';
import type { AppConfig } from '../lib/config';
import { readOrderView } from '../store/order-store';
import { readRejection } from '../store/rejection-store';
import type { OrderAction } from '../domain/order-status';
import { type ActionInput, actionUpdates, type CreationOutcome, CustomerIdKey, OrderStatusKey, orderWorkflowId, type OrderWorkflowInput, type OrderWorkflowResult, PaymentMethodKey, placeOrderUpdate } from '../workflows/contract';
import { orderWorkflow } from '../workflows/order-workflow';
import type { Claims } from './auth';
import { actorOf } from './auth';
import { actionUpdateId, orderIdFor, requestHash } from './order-ids';
import { Problem, RETRY_SOON } from './problem';
import { temporalProblem } from './temporal-errors';

export interface Origin {
  clientIp: string | null;
  userAgent: string | null;
  idempotencyKey: string | undefined;
}

/**
 * Places an order by Update-with-Start: one call starts the order's workflow
 * (or attaches to the one this Idempotency-Key already started) and waits
 * until it has validated the order and reserved its stock.
 */
export async function placeOrder(
  deps: { client: Client; db: Knex; config: AppConfig },
  claims: Claims,
  body: OrderRequest,
  origin: Origin,
): Promise<CreationOutcome> {
  const customerId = claims.role === 'admin' && body.customerId ? body.customerId : claims.sub;
  const request = { ...body, customerId };
  const orderId = orderIdFor(customerId, origin.idempotencyKey);
  const hash = requestHash(request);
  const input: OrderWorkflowInput = {
    orderId,
    request,
    requestHash: hash,
    origin: { clientIp: origin.clientIp, userAgent: origin.userAgent, idempotencyKey: origin.idempotencyKey ?? null, actor: actorOf(claims) },
    reservationTtlSeconds: deps.config.reservationTtlSeconds,
    verificationTtlSeconds: deps.config.verificationTtlSeconds,
    notify: { maxAttempts: deps.config.notifications.maxAttempts, initialBackoffMs: deps.config.notifications.initialBackoffMs },
    bookkeepingInSteps: true,
  };
  const workflowId = orderWorkflowId(orderId);
  const start = new WithStartWorkflowOperation(orderWorkflow, {
    workflowId,
    taskQueue: deps.config.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A finished order's id is never reused (a late retry is answered from its result), except after a
    // workflow that FAILED: it could not create the order (ORDER_NOT_CREATED, nothing kept), so a retry starts afresh.
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    typedSearchAttributes: [
      { key: CustomerIdKey, value: customerId },
      { key: OrderStatusKey, value: 'validating' },
      { key: PaymentMethodKey, value: request.paymentMethod.slice(0, 32) },
    ],
  });
  // Past the deadline the customer hears 503; the workflow goes on, and a retry with the same key attaches to it.
  const deadline = Date.now() + deps.config.orderAnswerTimeoutSeconds * 1000;
  try {
    return await deps.client.withDeadline(deadline, () =>
      deps.client.workflow.executeUpdateWithStart(placeOrderUpdate, { args: [{ requestHash: hash }], startWorkflowOperation: start }),
    );
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return answerAgain(deps, workflowId, orderId, hash);
    throw temporalProblem(err, 'Placing the order');
  }
}

/**
 * The workflow for this key has finished: answer as it answered the first time. A workflow that failed
 * created nothing; it is only seen here in the moment it closes, so the answer is the one it gave: retry.
 */
async function answerAgain(deps: { client: Client; db: Knex }, workflowId: string, orderId: string, hash: string): Promise<CreationOutcome> {
  let result: OrderWorkflowResult;
  try {
    result = await deps.client.workflow.getHandle<typeof orderWorkflow>(workflowId).result();
  } catch (err) {
    if (err instanceof WorkflowFailedError) throw new Problem('UNAVAILABLE', 'The order could not be created; nothing was kept. Retry with the same Idempotency-Key', [], RETRY_SOON);
    throw temporalProblem(err, 'Placing the order');
  }
  if (result.requestHash !== hash) throw new Problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
  if (result.status === 'rejected') {
    return { ok: false, errors: (await readRejection(deps.db, orderId)) ?? [] };
  }
  const order = await readOrderView(deps.db, orderId);
  if (!order) throw new Problem('ORDER_NOT_FOUND', 'Order not found');
  return { ok: true, order };
}

/**
 * Sends an admin/customer action to the order's workflow as an Update and
 * returns the updated order. The server refuses an Update whose workflow
 * task failed for a passing reason (an event arrived while the order was
 * completing); it was never accepted, so it is sent again under the same
 * update id, which the server deduplicates. Past `deadlineSeconds` the caller
 * hears 503: the action may still apply, and a retry with the same
 * Idempotency-Key (same update id) waits for that same action's outcome.
 */
export async function actOnOrder(
  client: Client,
  orderId: string,
  action: OrderAction,
  input: ActionInput,
  opts: { idempotencyKey?: string; deadlineSeconds: number },
): Promise<OrderView> {
  const updateId = actionUpdateId(input.actor?.id ?? '', orderId, action, opts.idempotencyKey);
  const deadline = Date.now() + opts.deadlineSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.withDeadline(deadline, () =>
        client.workflow.getHandle(orderWorkflowId(orderId)).executeUpdate(actionUpdates[action], { args: [input], updateId }),
      );
    } catch (err) {
      if (attempt < 3 && isTransientTaskFailure(err)) continue;
      throw temporalProblem(err, `${action} of order ${orderId}`);
    }
  }
}

function isTransientTaskFailure(err: unknown): boolean {
  return err instanceof Error && /unexpected workflow task failure/i.test(`${err.message} ${String(err.cause)}`);
}
