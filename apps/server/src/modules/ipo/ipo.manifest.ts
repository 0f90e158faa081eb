import type { ModuleManifest } from '../../platform/module.js';
import { seedIpoDemo } from './ipo.demo.js';
import { ipoRoutes } from './ipo.routes.js';
import { ipoStatistics } from './ipo.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'ipo.manage': true;
  }
}

declare module '../../platform/module.js' {
  interface NotificationKinds {
    'ipo.progress': true;
  }
}

export const ipoManifest = {
  name: 'ipo',
  label: { zh: '后备上市企业资源库', en: 'Pre-IPO pool' },
  permissions: [
    {
      name: 'ipo.manage',
      label: {
        zh: '管理后备上市企业资源库：入库审核、直接入库、核实上市进程阶段（金融办）',
        en: 'Keep the pre-IPO pool: admit or refuse enterprises, enrol them, verify the listing stages they reach (the finance office)',
      },
      roles: ['financial_regulator'],
    },
  ],
  notificationKinds: [
    {
      kind: 'ipo.progress',
      label: { zh: '上市培育进展', en: 'Pre-IPO pool progress' },
      description: { zh: '入库或未获通过、阶段登记的核实或退回、阶段奖励进入兑现', en: 'Admission or refusal, stage records verified or sent back, stage rewards entering fulfilment' },
    },
  ],
  routes: ipoRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedIpoDemo,
  statistics: ipoStatistics,
} satisfies ModuleManifest;
