import type { RouteObject } from 'react-router';

export const policiesRoutes: RouteObject[] = [
  { path: 'policies', lazy: async () => ({ Component: (await import('./library-page')).LibraryPage }) },
  { path: 'policies/:id', lazy: async () => ({ Component: (await import('./policy-page')).PolicyPage }) },
];
