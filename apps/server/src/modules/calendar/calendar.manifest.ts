import type { ModuleManifest } from '../../platform/module.js';
import { calendarRoutes } from './calendar.routes.js';
import { calendarStatistics } from './calendar.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'calendar.manage': true;
  }
}

export const calendarManifest = {
  name: 'calendar',
  label: { zh: '工作日历', en: 'Working calendar' },
  permissions: [
    {
      name: 'calendar.manage',
      label: { zh: '设置放假调休安排', en: "Enter each year's holiday arrangement (放假调休)" },
      roles: ['programme_office'],
    },
  ],
  routes: calendarRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  statistics: calendarStatistics,
} satisfies ModuleManifest;
