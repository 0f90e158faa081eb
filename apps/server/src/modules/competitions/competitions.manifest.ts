import type { ModuleManifest } from '../../platform/module.js';
import { seedCompetitionsDemo } from './competitions.demo.js';
import { competitionsRoutes } from './competitions.routes.js';
import { competitionsStatistics } from './competitions.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'competitions.manage': true;
    'competitions.judge': true;
  }
}
declare module '../../platform/module.js' {
  interface NotificationKinds {
    'competitions.judging': true;
    'competitions.result': true;
  }
}

export const competitionsManifest = {
  name: 'competitions',
  label: { zh: '创新创业大赛', en: 'Innovation and start-up competitions' },
  permissions: [
    {
      name: 'competitions.manage',
      label: { zh: '发布大赛、管理专家库、指派评委、公布结果', en: 'Publish competitions, keep the expert pool, assign judges, publish results' },
      roles: ['programme_office'],
    },
    { name: 'competitions.judge', label: { zh: '大赛评审：评分或声明利益冲突', en: 'Judge competition entries (score, or declare a conflict of interest)' }, roles: ['expert'] },
  ],
  notificationKinds: [
    { kind: 'competitions.judging', label: { zh: '大赛评审任务', en: 'Competition judging' }, description: { zh: '您被指派为大赛某一轮的评委', en: "You were assigned to a competition round's panel" } },
    { kind: 'competitions.result', label: { zh: '大赛结果', en: 'Competition results' }, description: { zh: '晋级决赛、获奖与名次', en: 'Reaching the final, prizes and places' } },
  ],
  routes: competitionsRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedCompetitionsDemo,
  statistics: competitionsStatistics,
} satisfies ModuleManifest;
