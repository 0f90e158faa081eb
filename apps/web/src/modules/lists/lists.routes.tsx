import type { RouteObject } from 'react-router';

export const listsRoutes: RouteObject[] = [
  { path: 'lists', lazy: async () => ({ Component: (await import('./lists-pages')).ListsPage }) },
  { path: 'lists/:id', lazy: async () => ({ Component: (await import('./lists-pages')).ListPublicPage }) },
  { path: 'lists-desk', lazy: async () => ({ Component: (await import('./lists-pages')).ListsDeskPage }) },
];
