/** In-platform notifications: the bell with the unread count, the inbox and the preferences. */
export { notificationsManifest } from './notifications.manifest';
export { NotificationBell } from './notification-bell';
export { useUnreadNotices } from './notifications.api';
