import type { RouteObject } from 'react-router';

// Public: the registry and a carrier's page. Signed in: the operator's 载体管理.
export const carriersRoutes: RouteObject[] = [
  { path: 'carriers', lazy: async () => ({ Component: (await import('./carriers-pages')).CarriersPage }) },
  { path: 'carriers/:id', lazy: async () => ({ Component: (await import('./carriers-pages')).CarrierPublicPage }) },
  { path: 'carriers-office', lazy: async () => ({ Component: (await import('./carriers-pages')).CarriersPage }) },
  { path: 'carriers-mine', lazy: async () => ({ Component: (await import('./carriers-pages')).MyCarriersPage }) },
];
