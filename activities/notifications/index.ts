import type { ActivityDeps } from '../deps';
import { markNotificationDead } from './mark-notification-dead';
import { queueNotifications } from './queue-notifications';
import { sendNotification } from './send-notification';
import { startNotifications } from './start-notifications';
import type { NotificationTransports } from './transports';

/** The notification activities (docs/domain.md §6), sharing one set of transports built from config. */
export function notificationActivities(deps: ActivityDeps, transports: NotificationTransports) {
  return {
    queueNotifications: queueNotifications(deps, transports),
    sendNotification: sendNotification(deps, transports),
    markNotificationDead: markNotificationDead(deps),
    startNotifications: startNotifications(deps, transports),
  };
}

export type NotificationActivities = ReturnType<typeof notificationActivities>;
