import { NativeConnection, Worker } from '@temporalio/worker';
import { getPsgcIndex } from '../activities/address/psgc-index';
import { createActivities, type ActivityDeps, type OrderActivities } from '../activities';
import { payloadCodecs } from '../lib/payload-codec';
import { activityMetrics } from './activity-metrics';
import { permanentErrors } from './permanent-errors';

/**
 * The worker: our workflows and activities on one task queue. A prebuilt
 * workflow bundle (WORKFLOW_BUNDLE_PATH) skips the bundling step, which the
 * tests use so that every test file does not rebundle.
 */
export async function createWorker(opts: {
  address: string;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  bundlePath?: string;
  /** tests replace single activities (e.g. one that fails for good) to drive failure paths */
  wrapActivities?: (activities: OrderActivities) => OrderActivities;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  // Build the PSGC address index (about half a second) now, not inside the first customer's order.
  getPsgcIndex();
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: (opts.wrapActivities ?? ((a) => a))(createActivities(opts.deps)),
    ...(opts.bundlePath ? { workflowBundle: { codePath: opts.bundlePath } } : { workflowsPath: require.resolve('../workflows') }),
    maxConcurrentActivityTaskExecutions: 50,
    // Unset keys keep the SDK's defaults (40 workflow tasks, 100 local activities, a cache sized from the heap).
    ...definedOnly({
      maxConcurrentWorkflowTaskExecutions: opts.deps.config.workerTuning.workflowTaskSlots,
      maxConcurrentLocalActivityExecutions: opts.deps.config.workerTuning.localActivitySlots,
      maxCachedWorkflows: opts.deps.config.workerTuning.maxCachedWorkflows,
    }),
    interceptors: { activity: [activityMetrics, permanentErrors] },
    // The same keys as the clients' (config.payloadCodecKeys); codecs run outside the workflow sandbox.
    dataConverter: { payloadCodecs: payloadCodecs(opts.deps.config.payloadCodecKeys) },
  });
  return { worker, connection };
}

const definedOnly = <T extends Record<string, number | undefined>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, number>>;
