import type { WebModule } from '../../app/module';
import { projectsRoutes } from './projects.routes';

export const projectsManifest: WebModule = {
  name: 'projects',
  routes: projectsRoutes,
  nav: [
    { to: '/projects', label: { zh: '创业项目库', en: 'Project library' }, order: 41, end: true, audience: 'non-officials', group: 'services' },
    // Posters: a person (我的), or a service organisation's people (服务机构); enterprises adopt from here too.
    { to: '/projects/mine', label: { zh: '我的项目', en: 'My projects' }, order: 46, audience: 'applicants', group: 'mine' },
    { to: '/projects/mine', label: { zh: '我的项目', en: 'My projects' }, order: 46, audience: { organisationKind: 'service_provider' }, group: 'provider' },
    { to: '/projects-office', label: { zh: '项目库审核', en: 'Project library review' }, order: 57, audience: { anyPermission: ['projects.admit'] }, group: 'oversight' },
  ],
};
