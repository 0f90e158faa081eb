import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';

export const finderRoutes: RouteObject[] = [
  { path: 'calculator', lazy: async () => ({ Component: (await import('./calculator-page')).CalculatorPage }) },
  {
    path: 'finder/matches',
    lazy: async () => {
      const { MatchesIndexPage } = await import('./matches-page');
      return { Component: () => <RequireAuth><MatchesIndexPage /></RequireAuth> };
    },
  },
  {
    path: 'finder/matches/:subjectId',
    lazy: async () => {
      const { MatchesPage } = await import('./matches-page');
      return { Component: () => <RequireAuth><MatchesPage /></RequireAuth> };
    },
  },
  {
    path: 'policies/new',
    lazy: async () => {
      const { NewItemPage } = await import('./new-item-page');
      return { Component: () => <RequireAuth><NewItemPage /></RequireAuth> };
    },
  },
  {
    path: 'policies/:id/manage',
    lazy: async () => {
      const { ManagePage } = await import('./manage-page');
      return { Component: () => <RequireAuth><ManagePage /></RequireAuth> };
    },
  },
];
