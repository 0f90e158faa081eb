import type { WebModule } from '../../app/module';
import { calendarRoutes } from './calendar.routes';

export const calendarManifest: WebModule = {
  name: 'calendar',
  routes: calendarRoutes,
  nav: [
    { to: '/calendar', label: { zh: '工作日历', en: 'Working calendar' }, order: 70, audience: { anyPermission: ['calendar.manage'] }, group: 'office' },
  ],
};
