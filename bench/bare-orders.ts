import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { confirmUpdate, createdUpdate } from './bare-workflow';
import type { PlaceOrder } from './load';

export type BareWorkflowType = 'bareOrderWorkflow' | 'bareRegularWorkflow';

export interface BareWorker {
  pid: number;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Starts bench/bare-worker.ts as a child process on a task queue of its own; resolves once it polls. */
export async function startBareWorker(address: string): Promise<BareWorker> {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bare-worker.ts'), address, taskQueue], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.trim() === 'ready') resolve();
    });
    child.once('exit', (code) => reject(new Error(`the bare workflow's worker exited (${code}) before it was ready`)));
  });
  return {
    pid: child.pid!,
    taskQueue,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One bare order: Update-with-Start answered after the two create steps, then the confirm Update. */
export function placeBareOrder(client: Client, taskQueue: string, workflowType: BareWorkflowType): PlaceOrder {
  return async (_i, dueAt) => {
    const workflowId = `bench-${randomUUID()}`;
    await client.workflow.executeUpdateWithStart(createdUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(workflowType, { workflowId, taskQueue, workflowIdConflictPolicy: 'USE_EXISTING' }),
    });
    const createMs = performance.now() - dueAt;
    const t1 = performance.now();
    await client.workflow.getHandle(workflowId).executeUpdate(confirmUpdate);
    return { createMs, confirmMs: performance.now() - t1 };
  };
}
