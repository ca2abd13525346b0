import type { NotificationChannel } from '../../domain/notifications';
import type { AppConfig } from '../../lib/config';
import { smtpEmailSender, type EmailSender } from './email-sender';
import { httpSmsProvider } from './http-sms-provider';
import type { SmsSender } from './sms-sender';

/** The senders this worker has; null where the channel's transport is not configured. */
export interface NotificationTransports {
  email: EmailSender | null;
  sms: SmsSender | null;
}

/** Why a channel has no transport, recorded on its skipped notifications. */
export const UNCONFIGURED: Record<NotificationChannel, string> = {
  email: 'e-mail not configured (SMTP_URL is unset)',
  sms: 'SMS not configured (SMS_PROVIDER_URL is unset)',
};

export function transportsFrom(c: AppConfig['notifications']): NotificationTransports {
  return {
    email: c.smtpUrl ? smtpEmailSender(c.smtpUrl, c.mailFrom) : null,
    sms: c.smsProviderUrl ? httpSmsProvider(c.smsProviderUrl, c.smsProviderToken) : null,
  };
}
