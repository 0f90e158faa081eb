import { dailyJob, defineJob, type ModuleManifest } from '../../platform/module.js';
import { seedFinanceDemo } from './finance.demo.js';
import { financeRoutes } from './finance.routes.js';
import { escalateOverdue } from './finance.service.js';
import { financeStatistics } from './finance.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'finance.supervise': true;
  }
}

declare module '../../platform/module.js' {
  interface JobKinds {
    /** The day's escalation of financing requests unanswered past their due date (queued once a day). */
    'finance.escalate_overdue': { date: string };
  }
  interface NotificationKinds {
    'finance.request': true;
    'finance.overdue': true;
  }
}

export const financeManifest = {
  name: 'finance',
  label: { zh: '金融服务', en: 'Finance' },
  permissions: [
    {
      name: 'finance.supervise',
      label: { zh: '查看本地区融资需求的答复情况，督办超期未答复的金融机构', en: "See how institutions answer financing needs in one's region; follow up overdue ones" },
      roles: ['financial_regulator'],
    },
  ],
  routes: financeRoutes,
  jobs: [defineJob('finance.escalate_overdue', (deps, ctx) => escalateOverdue(deps, ctx.payload.date))],
  dailyJobs: [dailyJob('finance.escalate_overdue', (day) => ({ date: day }))],
  notificationKinds: [
    { kind: 'finance.request', label: { zh: '融资申请与答复', en: 'Financing requests and answers' }, description: { zh: '机构收到新的融资申请；企业的申请得到答复', en: 'A new request reaches my institution; my request is answered' } },
    { kind: 'finance.overdue', label: { zh: '融资申请超期', en: 'Overdue financing requests' }, description: { zh: '金融机构超期未答复融资申请', en: 'An institution has not answered a request by its due date' } },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedFinanceDemo,
  statistics: financeStatistics,
} satisfies ModuleManifest;
