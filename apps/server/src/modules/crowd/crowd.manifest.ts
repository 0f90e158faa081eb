import type { ModuleManifest } from '../../platform/module.js';
import { seedCrowdDemo } from './crowd.demo.js';
import { crowdRoutes } from './crowd.routes.js';
import { ensureCrowdAccounts } from './crowd.service.js';
import { crowdStatistics } from './crowd.statistics.js';
import { crowdPostsSearchSource } from './crowd.search-source.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'crowd.arbitrate': true;
  }
}

declare module '../../platform/module.js' {
  interface NotificationKinds {
    'crowd.task': true;
    'crowd.message': true;
  }
}

export const crowdManifest = {
  name: 'crowd',
  label: { zh: '众包与供需对接', en: 'Crowdsourcing and supply/demand' },
  permissions: [
    {
      name: 'crowd.arbitrate',
      label: { zh: '仲裁众包任务争议（任务所在地区）', en: "Arbitrate crowd task disputes (in the task's region)" },
      roles: ['officer'],
    },
  ],
  notificationKinds: [
    { kind: 'crowd.task', label: { zh: '众包任务进展', en: 'Crowd task progress' }, description: { zh: '投标、中标、交付、验收、争议与仲裁', en: 'Bids, picks, deliveries, acceptance, disputes and arbitration' } },
    { kind: 'crowd.message', label: { zh: '供需对接消息', en: 'Supply and demand messages' }, description: { zh: '有人通过平台联系您发布的供需信息，或回复您', en: 'Someone got in touch about your post, or replied to you' } },
  ],
  routes: crowdRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  ensureReferenceData: ensureCrowdAccounts,
  seedDemo: seedCrowdDemo,
  statistics: crowdStatistics,
  searchSources: [crowdPostsSearchSource],
} satisfies ModuleManifest;
