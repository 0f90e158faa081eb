import type { ModuleManifest } from '../../platform/module.js';
import { seedMarketplaceDemo } from './marketplace.demo.js';
import { marketplaceRoutes } from './marketplace.routes.js';
import { marketplaceStatistics } from './marketplace.statistics.js';
import { providersSearchSource, listingsSearchSource } from './marketplace.search-source.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'marketplace.certify': true;
    'marketplace.grade': true;
  }
}
declare module '../../platform/module.js' {
  interface NotificationKinds {
    'marketplace.order': true;
    'marketplace.certification': true;
  }
}

export const marketplaceManifest = {
  name: 'marketplace',
  label: { zh: '服务超市', en: 'Service marketplace' },
  permissions: [
    {
      name: 'marketplace.certify',
      label: { zh: '服务机构认证：评审、决定、暂停与撤销，裁定争议，处理违规线索', en: 'Certify providers (review, decide, suspend, revoke), decide disputes, handle misuse flags' },
      roles: ['officer', 'reviewer'],
    },
    { name: 'marketplace.grade', label: { zh: '年度服务机构星级评选', en: "Compute the year's star grades of providers" }, roles: ['programme_office'] },
  ],
  routes: marketplaceRoutes,
  notificationKinds: [
    { kind: 'marketplace.order', label: { zh: '服务订单进展', en: 'Service orders' }, description: { zh: '下单、报价、确认、交付、验收、争议与评价', en: 'Orders, quotes, confirmations, deliveries, acceptance, disputes and ratings' } },
    { kind: 'marketplace.certification', label: { zh: '服务机构认证', en: 'Provider certification' }, description: { zh: '认证决定、暂停与撤销', en: 'Certification decisions, suspensions and revocations' } },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedMarketplaceDemo,
  statistics: marketplaceStatistics,
  searchSources: [providersSearchSource, listingsSearchSource],
} satisfies ModuleManifest;
