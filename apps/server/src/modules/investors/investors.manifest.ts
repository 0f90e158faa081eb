import type { ModuleManifest } from '../../platform/module.js';
import { seedInvestorsDemo } from './investors.demo.js';
import { investorsRoutes } from './investors.routes.js';
import { investorsSearchSource } from './investors.search-source.js';
import { investorsStatistics } from './investors.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'investors.manage': true;
  }
}

declare module '../../platform/module.js' {
  interface NotificationKinds {
    'investors.contact': true;
  }
}

export const investorsManifest = {
  name: 'investors',
  label: { zh: '投融资对接', en: 'Investors and roadshow' },
  permissions: [
    {
      name: 'investors.manage',
      label: { zh: '核实本地区投资机构的名录信息，发布或退回企业的路演项目', en: "Verify the region's investors' entries; publish or return firms' roadshow projects" },
      roles: ['financial_regulator'],
    },
  ],
  routes: investorsRoutes,
  notificationKinds: [
    { kind: 'investors.contact', label: { zh: '投融资对接', en: 'Investor contacts' }, description: { zh: '投资意向、交换联系方式、名录核实与项目发布', en: 'Interests, accepted contacts, verification and publication' } },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedInvestorsDemo,
  statistics: investorsStatistics,
  searchSources: [investorsSearchSource],
} satisfies ModuleManifest;
