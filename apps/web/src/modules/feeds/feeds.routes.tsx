import { Navigate, type RouteObject } from 'react-router';

/** The feeds and webhooks are tabs of the 互联互通 page; their former address leads there. */
export const feedsRoutes: RouteObject[] = [{ path: 'interconnection', element: <Navigate to="/interconnect?tab=feeds" replace /> }];
