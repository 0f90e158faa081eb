/** The in-platform inbox: notifications, the unread count, and each person's choices of what to be told. */
import { Type, type Static } from '@sinclair/typebox';
import { Instant } from './time.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const Notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  title: Text,
  body: Text,
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  readAt: Type.Union([Instant, Type.Null()]),
});
export type Notification = Static<typeof Notification>;

export const NotificationQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), offset: Type.Optional(Type.Integer({ minimum: 0 })), unread: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type NotificationQuery = Static<typeof NotificationQuery>;

export const NotificationInbox = Type.Object({ total: Type.Integer(), unread: Type.Integer(), items: Type.Array(Notification) });
export type NotificationInbox = Static<typeof NotificationInbox>;

export const UnreadCount = Type.Object({ unread: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCount>;

export const MarkReadBody = Type.Object({ ids: Type.Union([Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200 }), Type.Literal('all')]) }, { additionalProperties: false });
export type MarkReadBody = Static<typeof MarkReadBody>;

export const MarkReadResult = Type.Object({ marked: Type.Integer() });
export type MarkReadResult = Static<typeof MarkReadResult>;

export const NotificationPreference = Type.Object({ kind: Type.String(), label: Text, description: Text, enabled: Type.Boolean() });
export type NotificationPreference = Static<typeof NotificationPreference>;

export const NotificationPreferences = Type.Object({ items: Type.Array(NotificationPreference) });
export type NotificationPreferences = Static<typeof NotificationPreferences>;

export const NotificationPreferencesBody = Type.Object(
  { preferences: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_.]*$' }), Type.Boolean()) },
  { additionalProperties: false },
);
export type NotificationPreferencesBody = Static<typeof NotificationPreferencesBody>;
