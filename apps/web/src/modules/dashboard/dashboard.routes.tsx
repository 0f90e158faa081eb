import type { RouteObject } from 'react-router';

// Loaded on demand: ECharts is only for the programme office.
export const dashboardRoutes: RouteObject[] = [{ path: 'dashboard', lazy: async () => ({ Component: (await import('./dashboard-page')).DashboardPage }) }];
