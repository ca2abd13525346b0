import { proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import type { PurgeResult } from '../activities/purge-old-records';

const { purgeOldRecords } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30m',
  retry: { initialInterval: '30s', backoffCoefficient: 2, maximumAttempts: 5 },
});

/** Started daily by the retention Schedule: purges delivered notifications and old order metrics. */
export async function retentionWorkflow(): Promise<PurgeResult> {
  return purgeOldRecords();
}
