import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

/**
 * The Temporal ceiling for the order benchmark: the same shape as the order
 * workflow (Update-with-Start that waits for two activities, then a confirm
 * Update that runs one more) with activities that do nothing.
 */
export const createdUpdate = defineUpdate<string, []>('created');
export const confirmUpdate = defineUpdate<string, []>('confirm');

const { noop } = proxyActivities<{ noop(step: string): Promise<void> }>({ startToCloseTimeout: '10s' });

export async function bareOrderWorkflow(): Promise<void> {
  let created = false;
  let confirmed = false;
  setHandler(createdUpdate, async () => {
    await condition(() => created);
    return 'pending';
  });
  setHandler(confirmUpdate, async () => {
    await noop('commit');
    confirmed = true;
    return 'confirmed';
  });
  await noop('validate');
  await noop('reserve');
  created = true;
  await condition(() => confirmed);
}
