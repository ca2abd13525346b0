import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { AppConfig } from '../lib/config';

/**
 * One set of Schedules per task queue, since each starts its workflows on
 * that queue: two deployments sharing a namespace (or two test stacks
 * sharing a server) never rewrite each other's.
 */
export const scheduleIds = (config: AppConfig) => ({
  sweeper: `${config.taskQueue}-reservation-sweeper`,
  retention: `${config.taskQueue}-retention`,
  webhookSweeper: `${config.taskQueue}-webhook-sweeper`,
});

/** The scheduled jobs of docs/domain.md §6; a run that would overlap the previous one is skipped. */
function schedules(config: AppConfig): ScheduleOptions[] {
  const ids = scheduleIds(config);
  return [
    {
      scheduleId: ids.sweeper,
      spec: { intervals: [{ every: config.sweeperIntervalSeconds * 1000 }] },
      action: { type: 'startWorkflow', workflowType: 'sweeperWorkflow', taskQueue: config.taskQueue, workflowId: ids.sweeper },
      // A missed sweep is not worth catching up: the next one comes within minutes.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1m' },
    },
    {
      scheduleId: ids.retention,
      spec: { calendars: [{ hour: 19, minute: 0, comment: '03:00 in Manila (UTC+8), a quiet hour' }] },
      action: { type: 'startWorkflow', workflowType: 'retentionWorkflow', taskQueue: config.taskQueue, workflowId: ids.retention },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '12h' },
    },
    {
      scheduleId: ids.webhookSweeper,
      spec: { intervals: [{ every: config.webhooks.sweepIntervalSeconds * 1000 }] },
      action: { type: 'startWorkflow', workflowType: 'webhookSweeperWorkflow', taskQueue: config.taskQueue, workflowId: ids.webhookSweeper },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1m' },
    },
  ];
}

/**
 * Creates the Schedules, or brings existing ones up to date with this
 * configuration (the sweep intervals), so every worker start may call it:
 * several workers starting at once just update the same definitions. A
 * pause set by an operator is kept.
 */
export async function ensureSchedules(client: Client, config: AppConfig): Promise<void> {
  for (const s of schedules(config)) {
    try {
      await client.schedule.create(s);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(s.scheduleId).update((prev) => ({ ...prev, spec: s.spec, action: s.action, policies: s.policies }));
    }
  }
}
