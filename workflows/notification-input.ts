import type { NotificationEvent, NotificationStatus } from '../domain/notifications';

/** Delivery retries, from NOTIFY_MAX_ATTEMPTS and NOTIFY_INITIAL_BACKOFF_MS; inputs, so tests use milliseconds. */
export interface NotifyOptions {
  maxAttempts: number;
  initialBackoffMs: number;
}

export interface NotificationWorkflowInput extends NotifyOptions {
  orderId: string;
  event: NotificationEvent;
}

/** Each notification's final status, by notification id. */
export type NotificationWorkflowResult = Record<string, Exclude<NotificationStatus, 'queued'>>;

/** One run per order event: a second notify of the same event attaches to it instead of sending twice. */
export const notificationWorkflowId = (orderId: string, event: NotificationEvent): string => `notify-${orderId}-${event}`;
