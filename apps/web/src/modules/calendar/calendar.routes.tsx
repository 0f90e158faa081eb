import type { RouteObject } from 'react-router';

// Public: anyone may read the arrangement; the page offers editing only with calendar.manage.
export const calendarRoutes: RouteObject[] = [{ path: 'calendar', lazy: async () => ({ Component: (await import('./calendar-page')).CalendarPage }) }];
