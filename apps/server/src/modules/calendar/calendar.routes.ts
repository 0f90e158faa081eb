import { CalendarYear, CalendarYearBody, CalendarYearParams } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { getYear, setYear } from './calendar.service.js';

export function calendarRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/calendar/:year',
    {
      config: { permission: 'public' },
      schema: { tags: ['calendar'], summary: '工作日历 / The working calendar of a year: holidays and weekend days worked in exchange (放假调休)', params: CalendarYearParams, response: { 200: CalendarYear } },
    },
    async (request) => getYear(app.deps.db, request.params.year),
  );

  app.put(
    '/api/v1/calendar/:year',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: '设置全年放假调休安排 / Set a year\'s holiday arrangement (replaces the year; the programme office, from the State Council\'s notice)',
        params: CalendarYearParams,
        body: CalendarYearBody,
        response: { 200: CalendarYear },
      },
    },
    async (request) => setYear(app.deps, requirePrincipal(request), auditContextOf(request), request.params.year, request.body),
  );
}
