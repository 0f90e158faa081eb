import type { RouteObject } from 'react-router';

export const feedsRoutes: RouteObject[] = [{ path: 'interconnection', lazy: async () => ({ Component: (await import('./interconnection-page')).InterconnectionPage }) }];
