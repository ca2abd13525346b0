import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler, type ActivityOptions, type RetryPolicy } from '@temporalio/workflow';

/**
 * The Temporal ceiling for the order benchmark: the order workflow's shape
 * with steps that do nothing. Update-with-Start is answered once two steps
 * (validate, reserve) have run; a confirm Update runs one more (commit) and
 * is answered after it. bareOrderWorkflow runs its steps as local activities
 * like the order workflow, with its retry options: that is the ceiling
 * Orderly is measured against. bareRegularWorkflow runs them as regular
 * activities (a server round trip each): a second reference line.
 */
export const createdUpdate = defineUpdate<string, []>('created');
export const confirmUpdate = defineUpdate<string, []>('confirm');

export interface BareActivities {
  step(name: string): Promise<void>;
}

// The order workflow's options for its steps (workflows/order-run.ts): keep them in step.
const RETRY: RetryPolicy = { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 12 };
const OPTIONS: ActivityOptions = { startToCloseTimeout: '30s', retry: { ...RETRY, nonRetryableErrorTypes: ['ORDER_REJECTED', 'INVALID_STATE_TRANSITION'] } };
const local = proxyLocalActivities<BareActivities>(OPTIONS);
const regular = proxyActivities<BareActivities>(OPTIONS);

export async function bareOrderWorkflow(): Promise<void> {
  await orderShape(local);
}

export async function bareRegularWorkflow(): Promise<void> {
  await orderShape(regular);
}

async function orderShape(acts: BareActivities): Promise<void> {
  let created = false;
  let confirmed = false;
  setHandler(createdUpdate, async () => {
    await condition(() => created);
    return 'pending';
  });
  setHandler(confirmUpdate, async () => {
    await acts.step('commit');
    confirmed = true;
    return 'confirmed';
  });
  await acts.step('validate');
  await acts.step('reserve');
  created = true;
  await condition(() => confirmed);
  // A confirmed order stays open, waiting to be shipped: so does the ceiling, as the order workflow does.
  await condition(() => false);
}
