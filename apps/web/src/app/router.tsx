/** All client routes. Each module's index.ts exports its own route objects. */
import { createBrowserRouter, type RouteObject } from 'react-router';
import { adminRoutes } from '../modules/admin';
import { homeRoutes } from '../modules/home';
import { identityRoutes } from '../modules/identity';
import { subjectsRoutes } from '../modules/subjects';
import { policiesRoutes } from '../modules/policies';
import { finderRoutes } from '../modules/finder';
import { notificationsRoutes } from '../modules/notifications';
import { fulfilmentRoutes } from '../modules/fulfilment';
import { calendarRoutes } from '../modules/calendar';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';

const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [...homeRoutes, ...identityRoutes, ...subjectsRoutes, ...policiesRoutes, ...finderRoutes, ...notificationsRoutes, ...fulfilmentRoutes, ...calendarRoutes, ...adminRoutes, { path: '*', element: <NotFoundPage /> }],
  },
];

export const router = createBrowserRouter(routes);
