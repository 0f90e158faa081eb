import { dailyJob, defineJob, on, type ModuleManifest } from '../../platform/module.js';
import { seedLoansDemo } from './loans.demo.js';
import { loansRoutes } from './loans.routes.js';
import { computeQuarterSubsidies, onAwardPaid } from './loans.service.js';
import { loansStatistics } from './loans.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'loans.review': true;
    'loans.guarantee': true;
    'loans.fund': true;
  }
}

declare module '../../platform/module.js' {
  interface JobKinds {
    /** The quarters ended by the day get their interest subsidy, once each (queued once a day). */
    'loans.quarter_subsidies': { date: string };
  }
}

export const loansManifest = {
  name: 'loans',
  label: { zh: '创业担保贷款', en: 'Guaranteed start-up loans' },
  permissions: [
    { name: 'loans.review', label: { zh: '审核创业担保贷款申请资格', en: 'Review eligibility for guaranteed start-up loans' }, roles: ['reviewer'] },
    { name: 'loans.guarantee', label: { zh: '担保基金：作出担保决定并指定经办银行', en: 'Guarantee fund: decide the guarantee and name the lending bank' }, roles: ['finance'] },
    { name: 'loans.fund', label: { zh: '设定贴息规则，拨入风险准备金', en: 'Set interest-subsidy rules, fund the bad-debt reserve' }, roles: ['finance'] },
  ],
  routes: loansRoutes,
  events: { handles: [on('award.paid', (trx, payload, deps) => onAwardPaid(trx, deps, payload))] },
  jobs: [defineJob('loans.quarter_subsidies', (deps, ctx) => computeQuarterSubsidies(deps, ctx.payload.date))],
  dailyJobs: [dailyJob('loans.quarter_subsidies', (day) => ({ date: day }))],
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedLoansDemo,
  statistics: loansStatistics,
} satisfies ModuleManifest;
