import { createOrder } from './create-order';
import type { ActivityDeps } from './deps';
import { notificationActivities } from './notifications';
import { transportsFrom } from './notifications/transports';
import { purgeOldRecords } from './purge-old-records';
import { recordError } from './record-error';
import { recordOrderMetrics } from './record-order-metrics';
import { recordRejection } from './record-rejection';
import { sweepReservations } from './sweep-reservations';
import { transitionOrder } from './transition-order';
import { validateOrder } from './validate-order';
import { webhookActivities } from './webhooks';

/** Every activity, built from injected dependencies. */
export function createActivities(deps: ActivityDeps) {
  // One set of senders per worker, shared by the steps that queue notifications and the activities that send them.
  const transports = transportsFrom(deps.config.notifications);
  return {
    validateOrder: validateOrder(deps),
    createOrder: createOrder(deps, transports),
    transitionOrder: transitionOrder(deps, transports),
    recordRejection: recordRejection(deps),
    recordError: recordError(deps),
    recordOrderMetrics: recordOrderMetrics(deps),
    sweepReservations: sweepReservations(deps),
    purgeOldRecords: purgeOldRecords(deps),
    ...notificationActivities(deps, transports),
    ...webhookActivities(deps),
  };
}

export type OrderActivities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
