import type { WebModule } from '../../app/module';
import { carriersRoutes } from './carriers.routes';

export const carriersManifest: WebModule = {
  name: 'carriers',
  routes: carriersRoutes,
  nav: [
    { to: '/carriers', label: { zh: '双创载体', en: 'Carriers' }, order: 37, audience: 'non-officials', group: 'services' },
    // Officials reach the same registry from 服务监管: recognitions, tenants, annual statistics.
    { to: '/carriers-office', label: { zh: '双创载体认定与统计', en: 'Carriers: recognition, statistics' }, order: 56, audience: { anyPermission: ['carriers.recognise'] }, group: 'oversight' },
    { to: '/carriers-mine', label: { zh: '载体管理', en: 'My carriers' }, order: 43, audience: { organisationKind: 'carrier_operator' }, group: 'provider' },
  ],
};
