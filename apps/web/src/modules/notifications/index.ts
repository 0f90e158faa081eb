/** In-platform notifications: the bell with the unread count, the inbox and the preferences. */
export { notificationsRoutes } from './notifications.routes';
export { NotificationBell } from './notification-bell';
