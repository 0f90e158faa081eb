import type { RouteObject } from 'react-router';

export const interconnectRoutes: RouteObject[] = [{ path: 'interconnect', lazy: async () => ({ Component: (await import('./interconnect-page')).InterconnectPage }) }];
