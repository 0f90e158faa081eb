import type { RouteObject } from 'react-router';

// Public: the directory and a listed enterprise's page. (An enterprise lists itself on its profile.)
export const directoryRoutes: RouteObject[] = [
  { path: 'enterprises', lazy: async () => ({ Component: (await import('./directory-pages')).DirectoryPage }) },
  { path: 'enterprises/:id', lazy: async () => ({ Component: (await import('./directory-pages')).EnterprisePublicPage }) },
];
