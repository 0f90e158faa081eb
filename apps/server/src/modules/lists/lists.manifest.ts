import type { ModuleManifest } from '../../platform/module.js';
import { seedListsDemo } from './lists.demo.js';
import { listsRoutes } from './lists.routes.js';
import { listsStatistics } from './lists.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'lists.manage': true;
  }
}

export const listsManifest = {
  name: 'lists',
  label: { zh: '清单', en: 'Fee and power lists' },
  permissions: [
    { name: 'lists.manage', label: { zh: '修订本部门的收费清单和权责清单，答复乱收费投诉', en: "Revise one's department's fee and power lists; answer complaints" }, roles: ['officer', 'dept_admin'] },
  ],
  routes: listsRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedListsDemo,
  statistics: listsStatistics,
} satisfies ModuleManifest;
