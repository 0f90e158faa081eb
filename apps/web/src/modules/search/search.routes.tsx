import type { RouteObject } from 'react-router';

export const searchRoutes: RouteObject[] = [{ path: 'search', lazy: async () => ({ Component: (await import('./search-page')).SearchPage }) }];
