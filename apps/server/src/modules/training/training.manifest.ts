import { dailyJob, defineJob, type ModuleManifest } from '../../platform/module.js';
import { seedTrainingDemo } from './training.demo.js';
import { trainingRoutes } from './training.routes.js';
import { createFollowUps } from './training.service.js';
import { trainingStatistics } from './training.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'training.oversee': true;
  }
}

declare module '../../platform/module.js' {
  interface JobKinds {
    /** The day's follow-ups: completions six months old get one (queued once a day). */
    'training.follow_ups': { date: string };
  }
}

export const trainingManifest = {
  name: 'training',
  label: { zh: '创业培训', en: 'Start-up training' },
  permissions: [
    {
      name: 'training.oversee',
      label: { zh: '查看培训班学员与考勤，登记结业回访', en: "See courses' trainees and attendance, record follow-ups" },
      roles: ['officer', 'programme_office'],
    },
  ],
  routes: trainingRoutes,
  jobs: [defineJob('training.follow_ups', (deps, ctx) => createFollowUps(deps, ctx.payload.date))],
  dailyJobs: [dailyJob('training.follow_ups', (day) => ({ date: day }))],
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedTrainingDemo,
  statistics: trainingStatistics,
} satisfies ModuleManifest;
