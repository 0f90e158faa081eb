import { dailyJob, defineJob, on, type ModuleManifest } from '../../platform/module.js';
import { notify } from '../notifications/index.js';
import { fulfilmentRoutes } from './fulfilment.routes.js';
import { createPendingAward } from './fulfilment.actions.js';
import { remindOverdue } from './fulfilment.reminders.js';
import { fulfilmentStatistics } from './fulfilment.statistics.js';
import { findApplication } from './fulfilment.repository.js';
import { stageNotice } from './fulfilment.notices.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'fulfilment.review': true;
    'fulfilment.handle': true;
    'fulfilment.decide': true;
    'fulfilment.assess': true;
    'fulfilment.work': true;
    'fulfilment.pay': true;
    'fulfilment.supervise': true;
    'fulfilment.export': true;
  }
}

declare module '../../platform/module.js' {
  interface JobKinds {
    /** The day's reminders of overdue work (queued once a day). */
    'fulfilment.overdue_reminders': { date: string };
  }
  interface NotificationKinds {
    'application.stage': true;
    'fulfilment.overdue': true;
    'fulfilment.objection': true;
  }
}

export const fulfilmentManifest = {
  name: 'fulfilment',
  label: { zh: '政策兑现', en: 'Policy fulfilment' },
  permissions: [
    { name: 'fulfilment.review', label: { zh: '受理与审核申请', en: 'Accept and review applications' }, roles: ['officer', 'reviewer'] },
    { name: 'fulfilment.handle', label: { zh: '经办：受理申请、结束公示、处理异议', en: 'Handle applications: accept them, end publicity, resolve objections' }, roles: ['officer'] },
    { name: 'fulfilment.decide', label: { zh: '审核与批复', en: 'Review and decide (first review, approval)' }, roles: ['reviewer'] },
    { name: 'fulfilment.assess', label: { zh: '专家评审：评分或声明利益冲突', en: 'Assess applications (score, or declare a conflict of interest)' }, roles: ['expert'] },
    { name: 'fulfilment.work', label: { zh: '工作台：待办与已办', en: 'Workbench: work to do and work done' }, roles: ['officer', 'reviewer', 'expert', 'finance'] },
    { name: 'fulfilment.pay', label: { zh: '预算与拨付', en: 'Budgets and payments' }, roles: ['finance'] },
    { name: 'fulfilment.supervise', label: { zh: '督办兑现工作', en: 'Supervise fulfilment' }, roles: ['programme_office'] },
    { name: 'fulfilment.export', label: { zh: '导出兑现名单', en: 'Export award lists' }, roles: ['officer', 'reviewer', 'finance', 'programme_office'] },
  ],
  routes: fulfilmentRoutes,
  events: {
    emits: ['application.stage_changed', 'award.approved', 'award.paid'],
    handles: [
      // Pending awards from the finder's no-application (免申即享) matches.
      on('award.pending', async (trx, payload, deps) => void (await createPendingAward(trx, deps, payload))),
      // The applicant hears of every change of stage, with the reason of a return or rejection.
      on('application.stage_changed', async (trx, e, deps) => {
        // The row as the change left it: the amount, the next stage's deadline, the publicity period.
        const a = await findApplication(trx, e.applicationId);
        const notice = a ? stageNotice(a, e.from, e.to, e.reason) : null;
        if (!notice) return;
        await notify(trx, deps, {
          subjectId: e.subjectId,
          kind: 'application.stage',
          ...notice,
          link: `/fulfilment/applications/${e.applicationId}`,
        });
      }),
    ],
  },
  jobs: [defineJob('fulfilment.overdue_reminders', (deps, ctx) => remindOverdue(deps, ctx.payload.date))],
  dailyJobs: [dailyJob('fulfilment.overdue_reminders', (day) => ({ date: day }))],
  notificationKinds: [
    {
      kind: 'application.stage',
      label: { zh: '我的申请办理进度', en: 'Progress of my applications' },
      description: { zh: '我的申请进入新环节、被退回或不予通过时通知我', en: 'When my application moves to a new stage, is returned or is rejected' },
    },
    {
      kind: 'fulfilment.overdue',
      label: { zh: '超期待办提醒（工作人员）', en: 'Overdue work reminders (officials)' },
      description: { zh: '我办理或督办的申请超过环节时限时，每天提醒一次（每个环节只提醒一次）', en: 'Once a day, when an application I act on or supervise passes its stage deadline (once per stage)' },
    },
    {
      kind: 'fulfilment.objection',
      label: { zh: '公示异议提醒（工作人员）', en: 'Objections to awards in publicity (officials)' },
      description: { zh: '我所在部门的奖补在公示期内收到异议时通知我', en: "When someone objects to an award of my department during its publicity" },
    },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  statistics: fulfilmentStatistics,
} satisfies ModuleManifest;
