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
import { providerFrom } from '../lib/payments/provider-from-config';
import { capturePayment } from './payments/capture-payment';
import { refundLatePayment } from './payments/late-payment';
import { openPayment } from './payments/open-payment';
import { refundSteps } from './payments/refund-steps';
import { clock } from './deps';
import type { PaymentEvent } from '../domain/payments';
import { webhookActivities } from './webhooks';

/** Every activity, built from injected dependencies. */
export function createActivities(deps: ActivityDeps) {
  // One set of senders per worker, shared by the steps that queue notifications and the activities that send them.
  const transports = transportsFrom(deps.config.notifications);
  // One gateway client per worker; null when PAYMENT_PROVIDER_URL is unset.
  const provider = providerFrom(deps.config.payments);
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
    openPayment: openPayment(deps, provider),
    capturePayment: capturePayment(deps, provider),
    refundLatePayment: ({ orderId, event }: { orderId: string; event: PaymentEvent }) => refundLatePayment(deps, orderId, event, clock(deps)),
    ...refundSteps(deps, provider),
    ...webhookActivities(deps),
  };
}

export type OrderActivities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
