/**
 * Bundled for a test worker of its own: a stand-in for the order workflow
 * that calls notify() and returns, so a test can show that notify() waits
 * only for the notification workflow's start. It lives here, not in workflows/, so the
 * production worker never registers it.
 */
import type { NotificationEvent } from '../../domain/notifications';
import type { NotifyOptions } from '../../workflows/contract';
import { notify } from '../../workflows/notify';

export async function notifyProbeWorkflow(orderId: string, event: NotificationEvent, opts: NotifyOptions): Promise<'done'> {
  await notify(orderId, event, opts);
  return 'done';
}
