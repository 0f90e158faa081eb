import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';

// Public: the list and a call's page. Signed in: the office's management, a judge's work.
export const competitionsRoutes: RouteObject[] = [
  { path: 'competitions', lazy: async () => ({ Component: (await import('./competitions-pages')).CompetitionsPage }) },
  { path: 'competitions/:id', lazy: async () => ({ Component: (await import('./competitions-pages')).CompetitionPage }) },
  {
    path: 'competitions/:id/manage',
    lazy: async () => {
      const { ManagePage } = await import('./competitions-pages');
      return { Component: () => <RequireAuth><ManagePage /></RequireAuth> };
    },
  },
  {
    path: 'competitions-office',
    lazy: async () => {
      const { OfficePage } = await import('./competitions-pages');
      return { Component: () => <RequireAuth><OfficePage /></RequireAuth> };
    },
  },
  {
    path: 'competitions-judging',
    lazy: async () => {
      const { JudgingPage } = await import('./competitions-pages');
      return { Component: () => <RequireAuth><JudgingPage /></RequireAuth> };
    },
  },
];
