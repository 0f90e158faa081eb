import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';
import { HomePage } from './home-page';

export const homeRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  {
    path: 'me',
    lazy: async () => {
      const { OverviewPage } = await import('./overview-page');
      return { Component: () => <RequireAuth><OverviewPage /></RequireAuth> };
    },
  },
];
