import { Type } from '@sinclair/typebox';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { getPreferences, inbox, markRead, setPreferences, unreadCount } from './notifications.service.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  title: Text,
  body: Text,
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});
const Preferences = Type.Object({ items: Type.Array(Type.Object({ kind: Type.String(), label: Text, description: Text, enabled: Type.Boolean() })) });

export function notificationRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '站内通知 / My notifications, newest first',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), offset: Type.Optional(Type.Integer({ minimum: 0 })), unread: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ total: Type.Integer(), unread: Type.Integer(), items: Type.Array(Notification) }) },
      },
    },
    async (request) => inbox(app.deps.db, requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    { config: { permission: 'authenticated' }, schema: { tags: ['notifications'], summary: '未读通知数 / Unread count', response: { 200: Type.Object({ unread: Type.Integer() }) } } },
    async (request) => ({ unread: await unreadCount(app.deps.db, requirePrincipal(request)) }),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '标为已读 / Mark notifications read (ids, or all)',
        body: Type.Object({ ids: Type.Union([Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200 }), Type.Literal('all')]) }, { additionalProperties: false }),
        response: { 200: Type.Object({ marked: Type.Integer() }) },
      },
    },
    async (request) => ({ marked: await markRead(app.deps.db, app.deps.clock, requirePrincipal(request), request.body.ids) }),
  );

  app.get(
    '/api/v1/notifications/preferences',
    { config: { permission: 'authenticated' }, schema: { tags: ['notifications'], summary: '通知偏好 / What I want to be told about', response: { 200: Preferences } } },
    async (request) => getPreferences(app.deps.db, app.deps.modules.notificationKinds, requirePrincipal(request)),
  );

  app.put(
    '/api/v1/notifications/preferences',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '设置通知偏好 / Choose what to be told about',
        body: Type.Object({ preferences: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_.]*$' }), Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Preferences },
      },
    },
    async (request) => setPreferences(app.deps.db, app.deps.clock, app.deps.modules.notificationKinds, requirePrincipal(request), auditContextOf(request), request.body.preferences),
  );
}
