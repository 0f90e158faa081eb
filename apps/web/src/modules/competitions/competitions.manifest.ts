import type { WebModule } from '../../app/module';
import { competitionsRoutes } from './competitions.routes';

export const competitionsManifest: WebModule = {
  name: 'competitions',
  routes: competitionsRoutes,
  nav: [
    { to: '/competitions', label: { zh: '创新创业大赛', en: 'Competitions' }, order: 38, audience: 'non-officials', group: 'services' },
    { to: '/competitions-office', label: { zh: '大赛管理', en: 'Competitions: manage' }, order: 57, audience: { anyPermission: ['competitions.manage'] }, group: 'office' },
    { to: '/competitions-judging', label: { zh: '大赛评审', en: 'Competition judging' }, order: 58, audience: { anyPermission: ['competitions.judge'] } },
  ],
};
