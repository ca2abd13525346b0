import { setHandler } from '@temporalio/workflow';
import type { Actor } from '../domain/order-view';
import { needsShipment, REQUESTABLE_ACTIONS } from '../domain/order-status';
import { type ActionInput, actionSignals, actionUpdates, type OrderWorkflowInput, type OrderWorkflowResult, paymentSignal, placeOrderUpdate, statusQuery } from './contract';
import { fault, OrderRun } from './order-run';

/** Who acted when an operator's Signal or Update names nobody: someone with access to Temporal. */
const OPERATOR: Actor = { type: 'admin', id: 'temporal-operator' };

/**
 * One workflow per order (docs/architecture.md). This function only wires
 * the messages to the order's run and awaits its end; the phases live in
 * OrderRun (order-run.ts).
 */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderWorkflowResult> {
  const order = new OrderRun(input);

  setHandler(
    placeOrderUpdate,
    async () => {
      await order.created();
      if (order.creation === 'failed') throw fault('ORDER_NOT_CREATED', 'The order could not be created; nothing was kept');
      return order.creation!;
    },
    {
      validator: ({ requestHash }) => {
        if (requestHash !== input.requestHash) throw fault('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key reused with a different request');
      },
    },
  );

  for (const action of REQUESTABLE_ACTIONS) {
    const withActor = (arg: ActionInput) => ({ ...arg, actor: arg.actor ?? OPERATOR });
    const unshipped = (arg: ActionInput) => needsShipment(action) && !(arg.carrier && arg.trackingNumber);
    const invalid = (arg: ActionInput) => order.refusal(action, withActor(arg).actor) ?? (unshipped(arg) ? `${action} needs a carrier and a tracking number` : null);
    setHandler(actionUpdates[action], (arg = {}) => order.result(order.enqueue(action, withActor(arg)), action), {
      validator: (arg = {}) => {
        const why = order.refusal(action, withActor(arg).actor);
        if (why) throw fault('INVALID_STATE_TRANSITION', why, { from: order.projectedOrPhase() });
        if (unshipped(arg)) throw fault('VALIDATION_ERROR', `${action} needs a carrier and a tracking number`);
      },
    });
    // Signals come from operators in the Web UI / CLI: there is nobody to answer, so a refusal is logged.
    setHandler(actionSignals[action], (arg = {}) => {
      const why = invalid(arg);
      if (why) order.logRefusal(action, why);
      else order.enqueue(action, withActor(arg));
    });
  }
  setHandler(paymentSignal, (event) => order.paymentArrived(event));
  setHandler(statusQuery, () => ({ status: order.status, needsAttention: order.needsAttention }));

  return order.run();
}
