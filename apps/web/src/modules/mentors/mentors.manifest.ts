import type { WebModule } from '../../app/module';
import { mentorsRoutes } from './mentors.routes';

export const mentorsManifest: WebModule = {
  name: 'mentors',
  routes: mentorsRoutes,
  nav: [
    { to: '/mentors', label: { zh: '创业导师', en: 'Mentors' }, order: 40, end: true, audience: 'non-officials', group: 'services' },
    // Founders and mentors alike (a mentor's account is a person's account).
    { to: '/mentors/mine', label: { zh: '我的导师辅导', en: 'My mentoring' }, order: 45, audience: 'applicants', group: 'mine' },
    { to: '/mentors-office', label: { zh: '导师辅导情况', en: 'Mentoring figures' }, order: 67, audience: { anyPermission: ['mentors.manage'] }, group: 'office' },
  ],
};
