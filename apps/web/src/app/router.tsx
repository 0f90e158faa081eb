/** All client routes: each module's, from its manifest (modules/index.ts), inside the page shell. */
import { createBrowserRouter, type RouteObject } from 'react-router';
import { WEB_MODULES } from '../modules';
import { AppLayout } from './layout';

const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      ...WEB_MODULES.flatMap((m) => m.routes ?? []),
      // Loaded on demand: Ant Design's Result (with its illustrations) is for this page only.
      { path: '*', lazy: async () => ({ Component: (await import('./not-found-page')).NotFoundPage }) },
    ],
  },
];

export const router = createBrowserRouter(routes);
