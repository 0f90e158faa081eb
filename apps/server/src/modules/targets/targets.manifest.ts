import { dailyJob, defineJob, type ModuleManifest } from '../../platform/module.js';
import { targetsRoutes } from './targets.routes.js';
import { dailyTargets } from './targets.service.js';
import { targetsStatistics } from './targets.statistics.js';
import { dailySupervision } from './targets.supervision.js';
import { supervisionStatistics } from './targets.supervision.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'targets.manage': true;
  }
}

declare module '../../platform/module.js' {
  interface JobKinds {
    /** Keeps every target's traffic light and chases late progress reports (queued once a day). */
    'targets.daily': { date: string };
  }
  interface NotificationKinds {
    'targets.report_due': true;
    'targets.report_escalated': true;
    'targets.supervision_issued': true;
    'targets.supervision_answered': true;
    'targets.supervision_overdue': true;
    'targets.supervision_escalated': true;
  }
}

/**
 * Targets and the work ledger. The programme office manages targets (`targets.manage`); a unit
 * reports on the targets it leads or supports by being their lead or supporting department (no
 * permission of its own: membership of the unit is the right).
 */
export const targetsManifest = {
  name: 'targets',
  label: { zh: '目标任务', en: 'Targets' },
  permissions: [{ name: 'targets.manage', label: { zh: '载入、分解、指派目标任务，绑定统计指标', en: 'Load, split and assign targets; bind them to statistics' }, roles: ['programme_office'] }],
  routes: targetsRoutes,
  // Lights and late reports, then overdue supervision items.
  jobs: [defineJob('targets.daily', (deps, ctx) => dailyTargets(deps, ctx.payload.date).then(() => dailySupervision(deps, ctx.payload.date)).then(() => undefined))],
  dailyJobs: [dailyJob('targets.daily', (day) => ({ date: day }))],
  notificationKinds: [
    { kind: 'targets.report_due', label: { zh: '工作台账催报', en: 'Progress report reminders' }, description: { zh: '本单位牵头或配合的目标任务逾期未报送进展', en: 'A target your unit leads or supports has a progress report overdue' } },
    { kind: 'targets.report_escalated', label: { zh: '逾期未报送督办', en: 'Late reports escalated' }, description: { zh: '催报后仍未报送进展的单位，报双创办', en: 'Units that still have not reported after a reminder, for the programme office' } },
    { kind: 'targets.supervision_issued', label: { zh: '督办件交办与办理结果', en: 'Supervision items issued to your unit' }, description: { zh: '双创办向本单位交办、退回或办结督办件', en: 'The programme office issues, returns or closes a supervision item of your unit' } },
    { kind: 'targets.supervision_answered', label: { zh: '督办件已答复', en: 'Supervision items answered' }, description: { zh: '您交办的督办件已由承办单位答复，待审核', en: 'A unit has answered a supervision item you issued' } },
    { kind: 'targets.supervision_overdue', label: { zh: '督办件逾期提醒', en: 'Supervision items overdue' }, description: { zh: '本单位承办的督办件超过办理期限仍未答复', en: 'A supervision item of your unit is past its deadline without an answer' } },
    { kind: 'targets.supervision_escalated', label: { zh: '督办件逾期报双创办', en: 'Overdue supervision items escalated' }, description: { zh: '承办单位逾期未答复的督办件，报双创办', en: 'Supervision items a unit has not answered by the deadline, for the programme office' } },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  statistics: [...targetsStatistics, ...supervisionStatistics],
} satisfies ModuleManifest;
