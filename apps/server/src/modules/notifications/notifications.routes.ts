import { MarkReadBody, MarkReadResult, NotificationInbox, NotificationPreferences, NotificationPreferencesBody, NotificationQuery, UnreadCount } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { getPreferences, inbox, markRead, setPreferences, unreadCount } from './notifications.service.js';

export function notificationRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '站内通知 / My notifications, newest first',
        querystring: NotificationQuery,
        response: { 200: NotificationInbox },
      },
    },
    async (request) => inbox(app.deps.db, requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    { config: { permission: 'authenticated' }, schema: { tags: ['notifications'], summary: '未读通知数 / Unread count', response: { 200: UnreadCount } } },
    async (request) => ({ unread: await unreadCount(app.deps.db, requirePrincipal(request)) }),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '标为已读 / Mark notifications read (ids, or all)',
        body: MarkReadBody,
        response: { 200: MarkReadResult },
      },
    },
    async (request) => ({ marked: await markRead(app.deps.db, app.deps.clock, requirePrincipal(request), request.body.ids) }),
  );

  app.get(
    '/api/v1/notifications/preferences',
    { config: { permission: 'authenticated' }, schema: { tags: ['notifications'], summary: '通知偏好 / What I want to be told about', response: { 200: NotificationPreferences } } },
    async (request) => getPreferences(app.deps.db, app.deps.modules.notificationKinds, requirePrincipal(request)),
  );

  app.put(
    '/api/v1/notifications/preferences',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '设置通知偏好 / Choose what to be told about',
        body: NotificationPreferencesBody,
        response: { 200: NotificationPreferences },
      },
    },
    async (request) => setPreferences(app.deps.db, app.deps.clock, app.deps.modules.notificationKinds, requirePrincipal(request), auditContextOf(request), request.body.preferences),
  );
}
