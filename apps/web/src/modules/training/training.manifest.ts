import type { WebModule } from '../../app/module';
import { trainingRoutes } from './training.routes';

export const trainingManifest: WebModule = {
  name: 'training',
  routes: trainingRoutes,
  nav: [
    { to: '/training', label: { zh: '创业培训', en: 'Start-up training' }, order: 39, end: true, audience: 'non-officials', group: 'services' },
    { to: '/training/mine', label: { zh: '我的培训', en: 'My training' }, order: 44, audience: 'applicants', group: 'mine' },
    { to: '/training-provider', label: { zh: '培训管理', en: 'My courses' }, order: 44, audience: { organisationKind: 'service_provider' }, group: 'provider' },
    { to: '/training-office', label: { zh: '创业培训回访', en: 'Training follow-ups' }, order: 66, audience: { anyPermission: ['training.oversee'] }, group: 'office' },
  ],
};
