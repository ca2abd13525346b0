import type { Stack } from './stack';

/**
 * Ends every workflow still running on the stack's task queue. A fuzz run
 * leaves orders open (and a defect can leave one retrying a step), which
 * would keep the worker's shutdown waiting long past the test.
 */
export async function endOpenWorkflows(stack: Stack): Promise<void> {
  const open = stack.client.workflow.list({ query: `TaskQueue="${stack.config.taskQueue}" AND ExecutionStatus="Running"` });
  for await (const wf of open) await stack.client.workflow.getHandle(wf.workflowId, wf.runId).terminate('test over').catch(() => undefined);
}

/**
 * Pauses every webhook subscription made since `since`. Subscriptions are
 * shop-wide, so one the fuzz left active (its PATCHes may switch one on)
 * would queue every later test file's order events to a host that does not
 * exist, and their dead deliveries would show up in those files' checks.
 */
export async function pauseWebhookSubscriptions(stack: Stack, since: Date): Promise<void> {
  await stack.db('webhook_subscriptions').where('created_at', '>=', since).update({ active: false });
}
