import type { ModuleManifest } from '../../platform/module.js';
import { seedMentorsDemo } from './mentors.demo.js';
import { mentorsRoutes } from './mentors.routes.js';
import { mentorsStatistics } from './mentors.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'mentors.manage': true;
  }
}

export const mentorsManifest = {
  name: 'mentors',
  label: { zh: '创业导师', en: 'Start-up mentors' },
  permissions: [
    {
      name: 'mentors.manage',
      label: { zh: '登记和修改导师，查看导师年度辅导完成情况', en: "Add and edit mentors; see each mentor's sessions against the yearly commitment" },
      roles: ['programme_office'],
    },
  ],
  routes: mentorsRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedMentorsDemo,
  statistics: mentorsStatistics,
} satisfies ModuleManifest;
