import type { ModuleManifest } from '../../platform/module.js';
import { policyRoutes } from './policies.routes.js';
import { ensurePolicies } from './policies.service.js';
import { policyStatistics } from './policies.statistics.js';
import { policiesSearchSource } from './policies.search-source.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    /** Draft, simulate and publish versions of policy items (officers and the programme office; the region is checked per item). */
    'policies.manage': true;
  }
}

declare module '../../platform/module.js' {
  interface NotificationKinds {
    'policy.approval_requested': true;
  }
}

export const policiesManifest = {
  name: 'policies',
  label: { zh: '政策库', en: 'Policy catalogue' },
  permissions: [{ name: 'policies.manage', label: { zh: '起草、测算与发布政策版本', en: 'Draft, simulate and publish policy versions' }, roles: ['officer', 'programme_office'] }],
  routes: policyRoutes,
  events: { emits: ['policy.published'] },
  notificationKinds: [
    {
      kind: 'policy.approval_requested',
      label: { zh: '政策发布待我审批', en: 'Policy publications awaiting my approval' },
      description: { zh: '同部门经办人提交的政策版本影响面超过阈值、需要我审批时，以及我提交的版本被批准或退回时通知我', en: 'When a colleague submits a policy version whose impact needs a second approval, and when my submission is approved or returned' },
    },
  ],
  migrations: new URL('./migrations/', import.meta.url),
  ensureReferenceData: async (db) => void (await ensurePolicies(db)),
  statistics: policyStatistics,
  searchSources: [policiesSearchSource],
} satisfies ModuleManifest;
