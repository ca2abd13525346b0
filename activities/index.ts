import { createOrder } from './create-order';
import type { ActivityDeps } from './deps';
import { notificationActivities } from './notifications';
import { purgeOldRecords } from './purge-old-records';
import { recordError } from './record-error';
import { recordOrderMetrics } from './record-order-metrics';
import { recordRejection } from './record-rejection';
import { sweepReservations } from './sweep-reservations';
import { transitionOrder } from './transition-order';
import { validateOrder } from './validate-order';

/** Every activity, built from injected dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    validateOrder: validateOrder(deps),
    createOrder: createOrder(deps),
    transitionOrder: transitionOrder(deps),
    recordRejection: recordRejection(deps),
    recordError: recordError(deps),
    recordOrderMetrics: recordOrderMetrics(deps),
    sweepReservations: sweepReservations(deps),
    purgeOldRecords: purgeOldRecords(deps),
    ...notificationActivities(deps),
  };
}

export type OrderActivities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
