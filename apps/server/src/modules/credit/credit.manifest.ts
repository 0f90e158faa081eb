import { dailyJob, defineJob, type ModuleManifest } from '../../platform/module.js';
import { systemActor } from '../audit/index.js';
import { seedCreditDemo } from './credit.demo.js';
import { creditRoutes } from './credit.routes.js';
import { seriousViolationBasis, syncAllSeriousViolationFacts } from './credit.service.js';
import { creditStatistics } from './credit.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'credit.record': true;
    'credit.repair': true;
  }
}

declare module '../../platform/module.js' {
  interface JobKinds {
    /** Serious records whose longest window ended take their enterprise off the list (queued once a day). */
    'credit.publication_windows': { date: string };
  }
}

export const creditManifest = {
  name: 'credit',
  label: { zh: '信用', en: 'Credit' },
  permissions: [
    { name: 'credit.record', label: { zh: '来源部门：登记和导入信用记录', en: 'Source department: enter and import credit records' }, roles: ['officer'] },
    { name: 'credit.repair', label: { zh: '来源部门：审核信用修复申请', en: 'Source department: decide credit repair applications' }, roles: ['reviewer', 'officer'] },
  ],
  routes: creditRoutes,
  jobs: [defineJob('credit.publication_windows', (deps) => syncAllSeriousViolationFacts(deps, systemActor('credit.publication_windows')).then(() => undefined))],
  dailyJobs: [dailyJob('credit.publication_windows', (day) => ({ date: day }))],
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedCreditDemo,
  statistics: creditStatistics,
  factBases: [{ variable: 'on_serious_violation_list', basis: seriousViolationBasis }],
} satisfies ModuleManifest;
