import type { RouteObject } from 'react-router';

// Public: the news list and an item's page. Officers: the desk and the writing page.
export const contentRoutes: RouteObject[] = [
  { path: 'news', lazy: async () => ({ Component: (await import('./content-pages')).NewsListPage }) },
  { path: 'news/:id', lazy: async () => ({ Component: (await import('./content-pages')).NewsPage }) },
  { path: 'content-desk', lazy: async () => ({ Component: (await import('./content-pages')).DeskPage }) },
  { path: 'content-desk/new', lazy: async () => ({ Component: (await import('./content-pages')).EditContentPage }) },
  { path: 'content-desk/:id/edit', lazy: async () => ({ Component: (await import('./content-pages')).EditContentPage }) },
];
