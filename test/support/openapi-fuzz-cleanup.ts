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
