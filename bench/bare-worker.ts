import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { BareActivities } from './bare-workflow';

/**
 * The bare workflow's worker, in a process of its own so that its CPU is read
 * like Orderly's worker's (bench/process-cpu.ts). Started by the bench with
 * the Temporal address and a task queue; prints "ready" once polling, stops
 * on SIGTERM. SDK defaults for every worker setting.
 */
async function main(): Promise<void> {
  const [address, taskQueue] = process.argv.slice(2);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const activities: BareActivities = { step: async () => undefined };
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: require.resolve('./bare-workflow'),
    activities,
  });
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  console.log('ready');
  await running;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
