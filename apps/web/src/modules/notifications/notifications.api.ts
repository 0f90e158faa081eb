import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Localised } from '../../app/i18n';

export interface NotificationItem { id: string; kind: string; title: Localised; body: Localised; link: string | null; createdAt: string; readAt: string | null }

export const useUnreadCount = (enabled: boolean) =>
  useQuery({ queryKey: ['notifications', 'unread'], queryFn: () => api.get<{ unread: number }>('/notifications/unread-count'), enabled, refetchInterval: 30_000 });
