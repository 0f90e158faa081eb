import { defineJob, type ModuleManifest } from '../../platform/module.js';
import { forgetOldRuns, intervalJob } from './feeds.schedule.js';
import { feedsRoutes } from './feeds.routes.js';
import { pullDue } from './feeds.service.js';
import { feedsStatistics } from './feeds.statistics.js';

declare module '../../platform/module.js' {
  interface JobKinds {
    /** Every minute: pulls the upstream feeds whose interval has passed. */
    'feeds.tick': { slot: string };
  }
}

/** How often the scheduler looks for feeds due a pull (each subscription has its own interval, 5 minutes by default). */
export const FEEDS_TICK_MS = 60_000;

export const feedsManifest = {
  name: 'feeds',
  label: { zh: '政策互通', en: 'Policy feeds' },
  routes: feedsRoutes,
  jobs: [
    defineJob('feeds.tick', async (deps) => {
      const r = await pullDue(deps);
      await forgetOldRuns(deps.db, 'feeds.tick');
      return r;
    }),
  ],
  dailyJobs: [intervalJob('feeds.tick', FEEDS_TICK_MS, (slot) => ({ slot }))],
  migrations: new URL('./migrations/', import.meta.url),
  statistics: feedsStatistics,
} satisfies ModuleManifest;
