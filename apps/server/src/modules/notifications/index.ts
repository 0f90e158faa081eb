/**
 * Notifications: the in-platform inbox (unread count, mark read) and each user's choice of what
 * to be told about. Other modules call `notify(trx, deps, { userId | subjectId, kind, title,
 * body, link })` inside their own transaction, with a kind their manifest declares
 * (`notificationKinds`; an undeclared kind does not compile, and is refused at send time); a
 * subject's notification goes to everyone who acts for it, unless they switched that kind off.
 */
export { notify, type NotificationInput, type NotifyDeps, type NotifyTarget } from './notifications.service.js';
export { notificationsManifest } from './notifications.manifest.js';
