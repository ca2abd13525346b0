import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { z } from 'zod';
import { listDeadNotifications, requeueDeadNotification } from '../../store/console/dead-notifications';
import { notificationWorkflowId } from '../../workflows/contract';
import type { ApiDeps, App } from '../context';
import { fromHtmx, render } from './render';
import { may, signedIn } from './session';

const Params = z.object({ id: z.string().min(1).max(64) });

/**
 * Dead notifications (every attempt failed) and a retry: the row goes back
 * to queued (guarded, so two clicks re-queue it once) and the order event's
 * notification workflow runs again under a run-specific id; it sends what is
 * queued and marks it dead again if the channel still fails.
 */
export function notificationPages(app: App, { db, client, config }: ApiDeps): void {
  app.get('/admin/notifications', { preHandler: signedIn }, async (req, reply) => render(req, reply, 'notifications', { rows: await listDeadNotifications(db) }));

  app.post('/admin/notifications/:id/retry', { preHandler: [signedIn, app.csrfProtection, may('act')] }, async (req, reply) => {
    const { id } = Params.parse(req.params);
    const requeued = await requeueDeadNotification(db, id);
    if (requeued) {
      try {
        await client.workflow.start('notificationWorkflow', {
          workflowId: `${notificationWorkflowId(requeued.orderId, requeued.event)}-retry-${id}-${Date.now()}`,
          taskQueue: config.taskQueue,
          args: [{ ...requeued, maxAttempts: config.notifications.maxAttempts, initialBackoffMs: config.notifications.initialBackoffMs }],
        });
      } catch (err) {
        // Not started: dead again, so the row still offers its retry.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
          await db('notifications').where({ id, status: 'queued' }).update({ status: 'dead', updated_at: new Date() });
          throw err;
        }
      }
    }
    if (!fromHtmx(req)) return reply.redirect('/admin/notifications', 303);
    const message = requeued ? 'Queued again: sending now.' : 'It is no longer dead (already retried or sent).';
    return render(req, reply, 'notification-retried', { id, message }, requeued ? 200 : 409);
  });
}
