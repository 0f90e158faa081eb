import type { RouteObject } from 'react-router';

// Loaded on demand: the page draws with ECharts.
export const opendataRoutes: RouteObject[] = [{ path: 'open-data', lazy: async () => ({ Component: (await import('./open-data-page')).OpenDataPage }) }];
