import type { ModuleManifest } from '../../platform/module.js';
import { seedProjectsDemo } from './projects.demo.js';
import { projectsRoutes } from './projects.routes.js';
import { projectsStatistics } from './projects.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'projects.admit': true;
  }
}

declare module '../../platform/module.js' {
  interface NotificationKinds {
    'projects.progress': true;
  }
}

export const projectsManifest = {
  name: 'projects',
  label: { zh: '创业项目库', en: 'Start-up project library' },
  permissions: [
    {
      name: 'projects.admit',
      label: {
        zh: '创业项目入库审核，核定采用项目成功创业并确定奖励（管理项目库的人社部门）',
        en: 'Admit projects into the start-up project library; verify adopters\' successful start-ups and fix the reward (the human-resources bureau keeping the library)',
      },
      roles: ['officer', 'reviewer'],
    },
  ],
  notificationKinds: [
    {
      kind: 'projects.progress',
      label: { zh: '创业项目库进展', en: 'Project library progress' },
      description: { zh: '项目入库或退回、采用申请与答复、成功创业的登记与核定', en: 'Admission or return, adoption requests and answers, successes recorded and verified' },
    },
  ],
  routes: projectsRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedProjectsDemo,
  statistics: projectsStatistics,
} satisfies ModuleManifest;
