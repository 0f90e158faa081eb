import { defineChunkedJob, defineJob, on, type ModuleManifest } from '../../platform/module.js';
import { finderRoutes } from './finder.routes.js';
import { matchItemJob, onFactsChanged, onPolicyPublished, simulationJob, type SimulationPayload } from './finder.service.js';
import { finderStatistics } from './finder.statistics.js';
import { refreshBlocks } from './finder.repository.js';

declare module '../../platform/module.js' {
  interface JobKinds {
    /** Matches every registered subject against a newly published version of an item. */
    'finder.match_item': { itemId: string; version: number };
    /** An officer's what-if simulation of a draft over the population. */
    'finder.simulate': SimulationPayload;
    /** Rebuilds the stored column blocks whose subjects changed since (queued by profile changes). */
    'finder.refresh_blocks': Record<string, never>;
  }
  interface NotificationKinds {
    'policy.match': true;
    'profile.eligible': true;
    'award.pending': true;
  }
}

export const finderManifest = {
  name: 'finder',
  label: { zh: '政策计算器', en: 'Policy finder' },
  routes: finderRoutes,
  events: {
    emits: ['award.pending'],
    handles: [
      on('subject.facts_changed', (trx, payload, deps) => onFactsChanged(trx, deps, payload)),
      on('policy.published', (trx, payload) => onPolicyPublished(trx, payload)),
    ],
  },
  jobs: [
    defineChunkedJob('finder.match_item', (deps) => matchItemJob(deps)),
    defineChunkedJob('finder.simulate', (deps) => simulationJob(deps)),
    defineJob<'finder.refresh_blocks', null>('finder.refresh_blocks', async (deps, ctx) => ({ blocks: await refreshBlocks(deps.db, (done, of) => ctx.save(done / of, null)) })),
  ],
  notificationKinds: [
    {
      kind: 'policy.match',
      label: { zh: '新政策或政策调整与我匹配', en: 'A new or changed policy matches me' },
      description: { zh: '发布或调整的政策，按我的档案我符合条件时通知我', en: 'When a published or changed policy makes me eligible according to my profile' },
    },
    {
      kind: 'profile.eligible',
      label: { zh: '档案变化后新符合的政策', en: 'Newly eligible after a profile change' },
      description: { zh: '我的档案信息变化使我符合某项政策时通知我', en: 'When a change of my profile makes me eligible for a policy' },
    },
    {
      kind: 'award.pending',
      label: { zh: '免申即享待兑现', en: 'No-application benefits pending' },
      description: { zh: '免申即享政策自动匹配到我，等待兑现时通知我', en: 'When a no-application (免申即享) benefit is matched to me and awaits payment' },
    },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  statistics: finderStatistics,
} satisfies ModuleManifest;
