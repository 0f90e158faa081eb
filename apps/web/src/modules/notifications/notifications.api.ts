import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { MarkReadBody, Notification, NotificationInbox, NotificationPreferences, NotificationPreferencesBody, UnreadCount } from '@seedbed/contract';

export type { MarkReadBody, NotificationInbox, NotificationPreferences, NotificationPreferencesBody };
export type NotificationItem = Notification;

export const useUnreadCount = (enabled: boolean) =>
  useQuery({ queryKey: ['notifications', 'unread'], queryFn: () => api.get<UnreadCount>('/notifications/unread-count'), enabled, refetchInterval: 30_000 });

/** The latest unread notices (the overview and the home page show a few). */
export const useUnreadNotices = (enabled: boolean, limit = 5) =>
  useQuery({ queryKey: ['notifications', 'unread-list', limit], queryFn: () => api.get<NotificationInbox>(`/notifications?unread=true&limit=${limit}`), enabled });
