import { dailyJob, defineJob, on, type ModuleManifest } from '../../platform/module.js';
import { bulkIssueJob, expireVouchers, type BulkIssueCheckpoint, type BulkIssuePayload } from './vouchers.jobs.js';
import { voucherRoutes } from './vouchers.routes.js';
import { onAwardApproved } from './vouchers.service.js';
import { seedVouchersDemo } from './vouchers.demo.js';
import { voucherStatistics } from './vouchers.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'vouchers.manage': true;
    'vouchers.settle': true;
  }
}

declare module '../../platform/module.js' {
  interface NotificationKinds {
    'voucher.issued': true;
  }
  interface JobKinds {
    'vouchers.bulk_issue': BulkIssuePayload;
    'vouchers.expire': { date: string };
  }
}

export const vouchersManifest = {
  name: 'vouchers',
  label: { zh: '服务券', en: 'Service vouchers' },
  permissions: [
    { name: 'vouchers.manage', label: { zh: '设立服务券方案并发放服务券', en: 'Create voucher schemes and issue vouchers' }, roles: ['officer'] },
    { name: 'vouchers.settle', label: { zh: '结算服务券兑付（两人复核）', en: 'Settle voucher redemptions (two-person rule)' }, roles: ['finance'] },
  ],
  routes: voucherRoutes,
  events: { handles: [on('award.approved', (trx, payload, deps) => onAwardApproved(trx, deps, payload))] },
  jobs: [
    defineJob<'vouchers.bulk_issue', BulkIssueCheckpoint>('vouchers.bulk_issue', (deps, ctx) => bulkIssueJob(deps, ctx)),
    defineJob('vouchers.expire', (deps, ctx) => expireVouchers(deps, ctx.payload.date)),
  ],
  dailyJobs: [dailyJob('vouchers.expire', (day) => ({ date: day }))],
  notificationKinds: [
    {
      kind: 'voucher.issued',
      label: { zh: '获得服务券', en: 'A voucher was issued to me' },
      description: { zh: '向我发放创新券、创业券等服务券时通知我', en: 'When an innovation, start-up or other service voucher is issued to me' },
    },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedVouchersDemo,
  statistics: voucherStatistics,
} satisfies ModuleManifest;
