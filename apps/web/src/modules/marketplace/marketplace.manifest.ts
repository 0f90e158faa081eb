import type { WebModule } from '../../app/module';
import { marketplaceRoutes } from './marketplace.routes';

export const marketplaceManifest: WebModule = {
  name: 'marketplace',
  routes: marketplaceRoutes,
  nav: [
    { to: '/market', label: { zh: '服务超市', en: 'Marketplace' }, order: 35, audience: 'non-officials', group: 'services' },
    { to: '/orders', label: { zh: '我的订单', en: 'My orders' }, order: 41, audience: { organisationKind: 'enterprise' }, group: 'mine' },
    { to: '/provider', label: { zh: '服务机构工作台', en: 'Provider workbench' }, order: 42, audience: { organisationKind: 'service_provider' }, group: 'provider' },
    { to: '/provider-certification', label: { zh: '服务机构认证', en: 'Provider certification' }, order: 55, audience: { anyPermission: ['marketplace.certify', 'marketplace.grade'] }, group: 'oversight' },
  ],
};
