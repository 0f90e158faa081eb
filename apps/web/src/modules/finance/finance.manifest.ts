import type { WebModule } from '../../app/module';
import { financeRoutes } from './finance.routes';

export const financeManifest: WebModule = {
  name: 'finance',
  routes: financeRoutes,
  nav: [
    { to: '/finance', label: { zh: '金融产品', en: 'Finance products' }, order: 41, end: true, audience: 'non-officials', group: 'services' },
    { to: '/finance/matches', label: { zh: '产品与匹配', en: 'Products for me' }, order: 46, audience: 'applicants', group: 'mine' },
    { to: '/finance/needs', label: { zh: '我的融资需求', en: 'My financing needs' }, order: 46.5, audience: 'applicants', group: 'mine' },
    { to: '/finance/incoming', label: { zh: '融资申请', en: 'Financing requests' }, order: 42.5, audience: { organisationKind: 'financial_institution' }, group: 'provider' },
    { to: '/finance/products-mine', label: { zh: '我的金融产品', en: 'My products' }, order: 42.6, audience: { organisationKind: 'financial_institution' }, group: 'provider' },
    { to: '/finance/dashboard', label: { zh: '金融看板', en: 'Finance dashboard' }, order: 56.9, audience: { anyPermission: ['finance.supervise'] }, group: 'oversight' },
    { to: '/finance/oversight', label: { zh: '融资督办', en: 'Financing oversight' }, order: 57, audience: { anyPermission: ['finance.supervise'] }, group: 'oversight' },
  ],
};
