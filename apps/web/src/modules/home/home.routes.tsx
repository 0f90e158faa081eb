import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';

// Loaded on demand like every page, so that the app's entry holds only the shell: a visitor who
// opens another page first (the calculator) does not download the home page.
export const homeRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./home-page')).HomePage }) },
  {
    path: 'me',
    lazy: async () => {
      const { OverviewPage } = await import('./overview-page');
      return { Component: () => <RequireAuth><OverviewPage /></RequireAuth> };
    },
  },
];
