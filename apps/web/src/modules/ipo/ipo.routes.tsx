import type { RouteObject } from 'react-router';

// Enterprises: their entry, stages and rewards. The finance office: the pool.
export const ipoRoutes: RouteObject[] = [
  { path: 'ipo/mine', lazy: async () => ({ Component: (await import('./ipo-pages')).MyIpoPage }) },
  { path: 'ipo/pool', lazy: async () => ({ Component: (await import('./ipo-pages')).IpoPoolPage }) },
];
