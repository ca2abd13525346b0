import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { confirmUpdate, createdUpdate } from './bare-workflow';
import type { PlaceOrder } from './load';

export type BareWorkflowType = 'bareOrderWorkflow' | 'bareRegularWorkflow';

export interface BareWorker {
  pids: number[];
  taskQueue: string;
  stop(): Promise<void>;
}

/** Starts `count` processes of bench/bare-worker.ts on one task queue of their own; resolves once they all poll. */
export async function startBareWorker(address: string, count = 1): Promise<BareWorker> {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const children = await Promise.all(Array.from({ length: count }, () => startBareProcess(address, taskQueue)));
  return {
    pids: children.map((c) => c.pid),
    taskQueue,
    async stop() {
      await Promise.all(children.map((c) => c.stop()));
    },
  };
}

async function startBareProcess(address: string, taskQueue: string): Promise<{ pid: number; stop(): Promise<void> }> {
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
