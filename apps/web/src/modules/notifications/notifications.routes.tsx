import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';

export const notificationsRoutes: RouteObject[] = [
  {
    path: 'notifications',
    lazy: async () => {
      const { InboxPage } = await import('./inbox-page');
      return { Component: () => <RequireAuth><InboxPage /></RequireAuth> };
    },
  },
];
