/**
 * The notification vocabulary (docs/domain.md §6), pure so the workflows (which
 * decide when to notify), the activities (which send) and the API (which
 * lists) share it.
 */
export const NOTIFICATION_EVENTS = ['created', 'verification_required', 'confirmed', 'cancelled', 'expired', 'shipped', 'delivered'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * queued -> sent | dead. `skipped` is final from the start: the channel had no
 * recipient (no phone on the order or the customer) or its transport is not
 * configured (SMTP_URL / SMS_PROVIDER_URL unset); last_error says which.
 */
export type NotificationStatus = 'queued' | 'sent' | 'dead' | 'skipped';
