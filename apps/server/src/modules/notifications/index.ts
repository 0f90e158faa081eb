/**
 * Notifications: the in-platform inbox (unread count, mark read) and each user's choice of what
 * to be told about. Other modules call `notify(trx, deps, { userId | subjectId, kind, title,
 * body, link })` inside their own transaction; a subject's notification goes to everyone who
 * acts for it, unless they switched that kind off.
 */
export { notify, NOTIFICATION_KINDS, type NotificationInput, type NotifyTarget } from './notifications.service.js';
export { notificationRoutes } from './notifications.routes.js';
