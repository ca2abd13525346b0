import { createOrder } from './create-order';
import type { ActivityDeps } from './deps';
import { recordError } from './record-error';
import { recordRejection } from './record-rejection';
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
  };
}

export type OrderActivities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
