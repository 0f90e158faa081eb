import type { WebModule } from '../../app/module';
import { targetsRoutes } from './targets.routes';

export const targetsManifest: WebModule = {
  name: 'targets',
  routes: targetsRoutes,
  nav: [
    { to: '/targets', label: { zh: '目标任务', en: 'Targets' }, order: 69, audience: { organisationKind: 'government' }, group: 'office' },
    { to: '/targets/briefings', label: { zh: '工作简报', en: 'Briefings' }, order: 70, audience: { anyPermission: ['targets.manage'] }, group: 'office' },
  ],
};
