/** All client routes: each module's, from its manifest (modules/index.ts), inside the page shell. */
import { createBrowserRouter, type RouteObject } from 'react-router';
import { WEB_MODULES } from '../modules';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';

const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [...WEB_MODULES.flatMap((m) => m.routes ?? []), { path: '*', element: <NotFoundPage /> }],
  },
];

export const router = createBrowserRouter(routes);
