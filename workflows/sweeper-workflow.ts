import { proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import type { SweepResult } from '../activities/sweep-reservations';

// A few attempts only: the schedule starts a fresh sweep every few minutes anyway.
const { sweepReservations } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumAttempts: 3 },
});

/** Started by the reservation-sweeper Schedule: releases reservations whose order workflow is gone. */
export async function sweeperWorkflow(): Promise<SweepResult> {
  return sweepReservations();
}
