import type { ModuleManifest } from '../../platform/module.js';
import { policyRoutes } from './policies.routes.js';
import { ensurePolicies } from './policies.service.js';
import { policyStatistics } from './policies.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    /** Draft, simulate and publish versions of policy items (officers and the programme office; the region is checked per item). */
    'policies.manage': true;
  }
}

export const policiesManifest = {
  name: 'policies',
  label: { zh: '政策库', en: 'Policy catalogue' },
  permissions: [{ name: 'policies.manage', label: { zh: '起草、测算与发布政策版本', en: 'Draft, simulate and publish policy versions' }, roles: ['officer', 'programme_office'] }],
  routes: policyRoutes,
  events: { emits: ['policy.published'] },
  migrations: new URL('./migrations/', import.meta.url),
  ensureReferenceData: async (db) => void (await ensurePolicies(db)),
  statistics: policyStatistics,
} satisfies ModuleManifest;
