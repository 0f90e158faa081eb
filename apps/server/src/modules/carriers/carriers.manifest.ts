import type { ModuleManifest } from '../../platform/module.js';
import { seedCarriersDemo } from './carriers.demo.js';
import { carriersRoutes } from './carriers.routes.js';
import { carriersStatistics } from './carriers.statistics.js';
import { carriersSearchSource } from './carriers.search-source.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'carriers.recognise': true;
    'carriers.assessment': true;
    'carriers.assess': true;
  }
}

export const carriersManifest = {
  name: 'carriers',
  label: { zh: '双创载体', en: 'Carriers (maker spaces, incubators, bases)' },
  permissions: [
    {
      name: 'carriers.recognise',
      label: { zh: '登记双创载体的认定，查看其在孵企业', en: "Record carriers' recognitions and see their tenants" },
      roles: ['officer', 'programme_office'],
    },
    { name: 'carriers.assessment', label: { zh: '开启与结束双创载体年度考核', en: "Open and close carriers' yearly assessments" }, roles: ['programme_office'] },
    { name: 'carriers.assess', label: { zh: '双创载体年度考核评分（或声明利益冲突）', en: "Score carriers' yearly assessments (or declare a conflict of interest)" }, roles: ['expert'] },
  ],
  routes: carriersRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedCarriersDemo,
  statistics: carriersStatistics,
  searchSources: [carriersSearchSource],
} satisfies ModuleManifest;
